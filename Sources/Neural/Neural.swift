// RNN, LSTM and GRU models on OpenBLAS (issue 4).
import CBLAS
