package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"nnstep/core/data"
)

// MaxCoord bounds the coordinates of own points, so the plane stays legible.
const MaxCoord = 100

// CSVError is a CSV that cannot be used, naming its line (1-based; 0 when
// the problem is the file as a whole). Code lets the page phrase it:
//
//	fields   the line does not hold three values
//	number   Field (x1 or x2) is not a finite number within ±MaxCoord
//	label    the label is not an integer between 0 and data.MaxClasses-1
//	empty    no point at all
//	toomany  more than data.MaxN points
//	classes  fewer than two classes
type CSVError struct {
	Line  int    `json:"line"`
	Code  string `json:"code"`
	Field string `json:"field,omitempty"`
	Value string `json:"value,omitempty"`
}

func (e *CSVError) Error() string {
	switch e.Code {
	case "fields":
		return fmt.Sprintf("line %d: expected 3 values x1,x2,label, got %q", e.Line, e.Value)
	case "number":
		return fmt.Sprintf("line %d: %s must be a number between -%d and %d, got %q", e.Line, e.Field, MaxCoord, MaxCoord, e.Value)
	case "label":
		return fmt.Sprintf("line %d: label must be an integer between 0 and %d, got %q", e.Line, data.MaxClasses-1, e.Value)
	case "empty":
		return "the file holds no point"
	case "toomany":
		return fmt.Sprintf("line %d: at most %d points", e.Line, data.MaxN)
	case "classes":
		return "the points must belong to at least 2 classes"
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Code)
}

// ParseCSV reads points "x1,x2,label", one per line. Commas, semicolons or
// tabs separate the values; blank lines and lines starting with # are
// skipped, and so is a first line that is a header (holding no digit in
// its first value, e.g. "x1,x2,label").
func ParseCSV(text string) (*data.Set, error) {
	var x1, x2 []float64
	var labels []int
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	seenData := false
	for i, raw := range lines {
		line := strings.TrimSpace(strings.TrimPrefix(raw, "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == '\t' })
		if !seenData && isHeader(fields) {
			seenData = true
			continue
		}
		seenData = true
		n := i + 1
		if len(fields) != 3 {
			return nil, &CSVError{Line: n, Code: "fields", Value: line}
		}
		var xy [2]float64
		for k, name := range []string{"x1", "x2"} {
			f := strings.TrimSpace(fields[k])
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || math.IsNaN(v) || math.Abs(v) > MaxCoord {
				return nil, &CSVError{Line: n, Code: "number", Field: name, Value: f}
			}
			xy[k] = v
		}
		f := strings.TrimSpace(fields[2])
		c, err := strconv.Atoi(f)
		if err != nil {
			if v, ferr := strconv.ParseFloat(f, 64); ferr == nil && v == math.Trunc(v) && math.Abs(v) < 100 {
				c, err = int(v), nil
			}
		}
		if err != nil || c < 0 || c >= data.MaxClasses {
			return nil, &CSVError{Line: n, Code: "label", Field: "label", Value: f}
		}
		if len(labels) == data.MaxN {
			return nil, &CSVError{Line: n, Code: "toomany"}
		}
		x1, x2, labels = append(x1, xy[0]), append(x2, xy[1]), append(labels, c)
	}
	if len(labels) == 0 {
		return nil, &CSVError{Code: "empty"}
	}
	set, err := data.FromPoints(x1, x2, labels)
	if err != nil {
		return nil, &CSVError{Code: "classes"}
	}
	return set, nil
}

// isHeader reports whether a first line names its columns instead of
// holding numbers.
func isHeader(fields []string) bool {
	if len(fields) == 0 {
		return false
	}
	f := strings.TrimSpace(fields[0])
	if _, err := strconv.ParseFloat(f, 64); err == nil {
		return false
	}
	return !strings.ContainsAny(f, "0123456789") || strings.HasPrefix(strings.ToLower(f), "x")
}

// CSV writes the current points as ParseCSV reads them (classification
// data; regression data get their real target in the third column).
func (m *Model) CSV() string {
	var b strings.Builder
	b.WriteString("x1,x2,label\n")
	set := m.Full
	if set.X.Rows != 2 {
		return b.String()
	}
	for j := 0; j < set.N(); j++ {
		b.WriteString(strconv.FormatFloat(set.X.At(0, j), 'g', 6, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(set.X.At(1, j), 'g', 6, 64))
		b.WriteByte(',')
		if set.Classes > 0 {
			b.WriteString(strconv.Itoa(set.Labels[j]))
		} else {
			b.WriteString(strconv.FormatFloat(set.Y.At(0, j), 'g', 6, 64))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
