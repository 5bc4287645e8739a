// Oracle for src/core/kubectl/gosort.ts: sorts index arrays with the real sort.Sort.
//
// Input on stdin is a JSON array of cases, each {"keys": [int...], "reverse": bool}.
// Output on stdout is a JSON array with, per case, the indices of keys in the order
// sort.Sort leaves them (wrapped in sort.Reverse when reverse is true).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

type testCase struct {
	Keys    []int `json:"keys"`
	Reverse bool  `json:"reverse"`
}

// byKey orders indices by the key they point at; equal keys are ties.
type byKey struct {
	order []int
	keys  []int
}

func (b byKey) Len() int           { return len(b.order) }
func (b byKey) Less(i, j int) bool { return b.keys[b.order[i]] < b.keys[b.order[j]] }
func (b byKey) Swap(i, j int)      { b.order[i], b.order[j] = b.order[j], b.order[i] }

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "decode:", err)
		os.Exit(2)
	}
	results := make([][]int, len(cases))
	for n, c := range cases {
		data := byKey{order: make([]int, len(c.Keys)), keys: c.Keys}
		for i := range data.order {
			data.order[i] = i
		}
		if c.Reverse {
			sort.Sort(sort.Reverse(data))
		} else {
			sort.Sort(data)
		}
		results[n] = data.order
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "encode:", err)
		os.Exit(2)
	}
}
