package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// event is the part of a trace event the summary reads.
type event struct {
	Name string  `json:"name"`
	Cat  string  `json:"cat"`
	Ph   string  `json:"ph"`
	TS   float64 `json:"ts"`  // µs
	Dur  float64 `json:"dur"` // µs
	PID  int     `json:"pid"`
	TID  int     `json:"tid"`
	Args struct {
		Name string `json:"name"`
		Data struct {
			URL          string `json:"url"`
			FunctionName string `json:"functionName"`
		} `json:"data"`
	} `json:"args"`
}

type thread struct{ pid, tid int }

// summarize prints the page's marks and, for each task of the page's main
// thread longer than threshold ms, where its time went: the self time of
// the trace's events inside it, largest first. Times are from the
// navigation's start.
func summarize(w io.Writer, raw []json.RawMessage, threshold float64) error {
	var evs []event
	names := map[thread]string{}
	count := map[thread]int{}
	for _, r := range raw {
		var e event
		if err := json.Unmarshal(r, &e); err != nil {
			continue
		}
		t := thread{e.PID, e.TID}
		if e.Ph == "M" && e.Name == "thread_name" {
			names[t] = e.Args.Name
			continue
		}
		count[t]++
		evs = append(evs, e)
	}
	var main thread
	for t, n := range names {
		if n == "CrRendererMain" && count[t] > count[main] {
			main = t
		}
	}
	if count[main] == 0 {
		return fmt.Errorf("no renderer main thread in the trace")
	}
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].TS != evs[j].TS {
			return evs[i].TS < evs[j].TS
		}
		return evs[i].Dur > evs[j].Dur
	})
	t0 := -1.0
	for _, e := range evs {
		if e.PID == main.pid && e.Name == "navigationStart" {
			t0 = e.TS
			break
		}
	}
	if t0 < 0 {
		return fmt.Errorf("no navigationStart in the trace")
	}
	ms := func(us float64) float64 { return (us - t0) / 1000 }
	for _, e := range evs {
		if e.PID == main.pid && strings.Contains(e.Cat, "blink.user_timing") && (e.Ph == "R" || e.Ph == "I" || e.Ph == "n") &&
			(strings.HasPrefix(e.Name, "nn-") || strings.HasPrefix(e.Name, "go-") || strings.HasPrefix(e.Name, "stage-")) {
			fmt.Fprintf(w, "mark %7.0f ms  %s\n", ms(e.TS), e.Name)
		}
	}
	// The main thread's complete events, and its top-level tasks.
	var own []event
	for _, e := range evs {
		if (thread{e.PID, e.TID}) == main && e.Ph == "X" {
			own = append(own, e)
		}
	}
	var total, long float64
	for i, task := range own {
		if task.Name != "RunTask" && task.Name != "ThreadControllerImpl::RunTask" {
			continue
		}
		if i > 0 && contains(own[i-1], task) {
			continue // a task nested in another (both names above)
		}
		total++
		if task.Dur/1000 < threshold {
			continue
		}
		long++
		fmt.Fprintf(w, "task %7.0f ms  %5.0f ms  %s\n", ms(task.TS), task.Dur/1000, selfTimes(own[i+1:], task))
	}
	fmt.Fprintf(w, "%0.f tasks over %.0f ms out of %.0f\n", long, threshold, total)
	return nil
}

func contains(outer, inner event) bool {
	return inner.TS >= outer.TS && inner.TS+inner.Dur <= outer.TS+outer.Dur
}

// selfTimes sums, by name, the self time of the events after task that lie
// inside it, and formats the six largest.
func selfTimes(after []event, task event) string {
	self := map[string]float64{}
	var stack []event
	label := func(e event) string {
		switch e.Name {
		case "FunctionCall", "EvaluateScript", "v8.compileModule", "v8.evaluateModule":
			u := e.Args.Data.URL
			if k := strings.LastIndex(u, "/"); k >= 0 {
				u = u[k+1:]
			}
			if f := e.Args.Data.FunctionName; f != "" {
				u += " " + f
			}
			if u != "" {
				return e.Name + " (" + u + ")"
			}
		}
		return e.Name
	}
	for _, e := range after {
		if e.TS > task.TS+task.Dur {
			break
		}
		if !contains(task, e) || e.Name == "RunTask" || e.Name == "ThreadControllerImpl::RunTask" {
			continue
		}
		for len(stack) > 0 && !contains(stack[len(stack)-1], e) {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			self[label(stack[len(stack)-1])] -= e.Dur
		}
		self[label(e)] += e.Dur
		stack = append(stack, e)
	}
	type kv struct {
		k string
		v float64
	}
	var list []kv
	for k, v := range self {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].v > list[j].v })
	var parts []string
	for i, p := range list {
		if i == 6 || p.v < 1000 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.0f", p.k, p.v/1000))
	}
	return strings.Join(parts, ", ")
}
