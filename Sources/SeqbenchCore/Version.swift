/// seqbench's version; part of every cell id, so results from different versions never mix.
public let seqbenchVersion = "0.1.0"
