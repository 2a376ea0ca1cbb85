// Package core is the root of nnstep's engine: the lecture's neural network
// in plain Go. Its packages import the standard library only, compile both
// natively and for GOOS=js GOARCH=wasm, and know nothing of the browser:
//
//	num    portable elementary functions and the seeded generator
//	mat    dense matrices, destination-receiver operations
//	act    activations with their derivatives; softmax
//	loss   costs and the start of the backward pass
//	nn     the network: forward, backward, update, gradient check
//	trace  one iteration as the ordered operations of the step-through
//	train  epochs over a dataset; evaluation; the frontier grid
//	diag   gradient norms, dead and saturated units
//	data   seeded datasets
package core
