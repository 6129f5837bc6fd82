// The experiment harness (issue 5).
import Yams
