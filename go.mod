module nnstep

go 1.26
