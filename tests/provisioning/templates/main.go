// Expands alert-rule annotation templates the way Grafana's alerting does (text/template, with $labels,
// $values and $value defined first, and the Prometheus-style humanize functions), so the provisioning tests can
// check that every annotation parses, only uses functions Grafana has, and renders the labels and values.
// Stdlib only. Reads a JSON array of {text, labels, values} on stdin; writes a JSON array of {out} or {error}.
//
// Grafana's data shape (pkg/services/ngalert/state/template): .Labels map[string]string, .Values map[string]Value
// with .Value float64 and .Labels, printing as the number; .Value the "[ var='B' labels={…} value=… ]" string.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"text/template"
	"time"
)

type value struct {
	Labels map[string]string
	Value  float64
}

// String is how {{ $values.B }} prints: the number, as Grafana's template Value does.
func (v value) String() string { return fmt.Sprintf("%g", v.Value) }

type data struct {
	Labels map[string]string
	Values map[string]value
	Value  string
}

type input struct {
	Text   string             `json:"text"`
	Labels map[string]string  `json:"labels"`
	Values map[string]float64 `json:"values"`
}

type output struct {
	Out   string `json:"out,omitempty"`
	Error string `json:"error,omitempty"`
}

func toFloat(v interface{}) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int:
		return float64(x), nil
	case value:
		return x.Value, nil
	}
	return 0, fmt.Errorf("not a number: %v", v)
}

// Prometheus's humanize family (prometheus/template), reduced to what formatting needs here.
var funcs = template.FuncMap{
	"humanize": func(v interface{}) (string, error) {
		f, err := toFloat(v)
		if err != nil {
			return "", err
		}
		if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Sprintf("%.4g", f), nil
		}
		prefixes := []string{"", "k", "M", "G", "T", "P", "E", "Z", "Y"}
		i := 0
		for math.Abs(f) >= 1000 && i < len(prefixes)-1 {
			f /= 1000
			i++
		}
		return fmt.Sprintf("%.4g%s", f, prefixes[i]), nil
	},
	"humanizeDuration": func(v interface{}) (string, error) {
		f, err := toFloat(v)
		if err != nil {
			return "", err
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Sprintf("%.4g", f), nil
		}
		return (time.Duration(f * float64(time.Second))).Round(time.Second).String(), nil
	},
	"humanizePercentage": func(v interface{}) (string, error) {
		f, err := toFloat(v)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%.4g%%", f*100), nil
	},
	"toUpper": strings.ToUpper,
	"toLower": strings.ToLower,
}

const prelude = "{{- $labels := .Labels -}}{{- $values := .Values -}}{{- $value := .Value -}}"

func main() {
	var in []input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := make([]output, len(in))
	for i, x := range in {
		tmpl, err := template.New("annotation").Option("missingkey=error").Funcs(funcs).Parse(prelude + x.Text)
		if err != nil {
			out[i] = output{Error: err.Error()}
			continue
		}
		d := data{Labels: x.Labels, Values: map[string]value{}}
		for k, v := range x.Values {
			d.Values[k] = value{Labels: x.Labels, Value: v}
		}
		var b strings.Builder
		if err := tmpl.Execute(&b, d); err != nil {
			out[i] = output{Error: err.Error()}
			continue
		}
		out[i] = output{Out: b.String()}
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}
