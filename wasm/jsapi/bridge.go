//go:build js && wasm

package jsapi

import (
	"syscall/js"

	"nnstep/core/trace"
	"nnstep/wasm/jsbridge"
)

func init() {
	funcs["activations"] = func([]js.Value) js.Value { return jsbridge.Value(Activations()) }
	// activation(name, alpha, xs) → {f, d, name, alpha, tex, dtex, saturates}
	funcs["activation"] = func(args []js.Value) js.Value {
		name, alpha, xs := jsbridge.String(jsbridge.Arg(args, 0)), jsbridge.Float(args, 1), jsbridge.Floats(jsbridge.Arg(args, 2))
		return jsbridge.Result(ActivationCurve(name, alpha, xs))
	}
	// softmax(z) → {naive, stable, jacobian, sum}
	funcs["softmax"] = func(args []js.Value) js.Value {
		return jsbridge.Result(Softmax(jsbridge.Floats(jsbridge.Arg(args, 0))))
	}
	// neuron(x, w, b, act, grid) → {z, a, plane}
	funcs["neuron"] = func(args []js.Value) js.Value {
		grid := 0
		if g := jsbridge.Arg(args, 4); g.Type() == js.TypeNumber {
			grid = g.Int()
		}
		return jsbridge.Result(Neuron(jsbridge.Floats(jsbridge.Arg(args, 0)), jsbridge.Floats(jsbridge.Arg(args, 1)), jsbridge.Float(args, 2), jsbridge.String(jsbridge.Arg(args, 3)), grid))
	}
	// gradientDescent1D({eta, iters, n, noise, seed, w0, b0}) → {x, y, true, cost, w, b, diverged}
	funcs["gradientDescent1D"] = func(args []js.Value) js.Value {
		var q struct {
			Eta   float64 `json:"eta"`
			Iters int     `json:"iters"`
			N     int     `json:"n"`
			Noise float64 `json:"noise"`
			Seed  uint64  `json:"seed"`
			W0    float64 `json:"w0"`
			B0    float64 `json:"b0"`
		}
		if err := jsbridge.Decode(jsbridge.Arg(args, 0), &q); err != nil {
			return jsbridge.Err(err)
		}
		return jsbridge.Result(GradientDescent1D(q.Eta, q.Iters, q.N, q.Noise, q.Seed, q.W0, q.B0))
	}
	// gradcheck(request) → GradCheckInfo; request: the fields layers,
	// activations, loss, W, b, X, Y (learning_rate optional) of nnstep.trace().
	funcs["gradcheck"] = func(args []js.Value) js.Value {
		var q trace.Request
		if err := jsbridge.Decode(jsbridge.Arg(args, 0), &q); err != nil {
			return jsbridge.Err(err)
		}
		return jsbridge.Result(GradCheck(q))
	}
	// diagnose(DiagRequest) → DiagResult
	funcs["diagnose"] = func(args []js.Value) js.Value {
		var q DiagRequest
		if err := jsbridge.Decode(jsbridge.Arg(args, 0), &q); err != nil {
			return jsbridge.Err(err)
		}
		return jsbridge.Result(Diagnose(q))
	}
}
