// Writes the protobuf field table of the kinds read as protobuf (src/sources/live/proto-schema.ts)
// from the Go types of k8s.io/api by reflection: for every struct reached from the lists, each
// field's protobuf number and wire kind, and how encoding/json writes it (name, omitempty,
// omitzero, pointer, inline). Run in test/cluster/kube-bins (the module pinning the Kubernetes
// version the e2e tests run): go run ./proto-schema > ../../../src/sources/live/proto-schema.ts
package main

import (
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
)

type field struct {
	name    string // JSON key ("" for an inline struct)
	num     int
	kind    string // string bool int32 int64 uint32 uint64 double float bytes msg time microtime quantity intstr duration
	ref     string // message name for msg
	list    bool
	mapKind string // "" or the value kind of a map with string keys
	ptr     bool
	omit    bool
	zero    bool // omitzero
}

var (
	full  = map[string]reflect.Type{}
	types = map[string][]field{}
	order []string
)

func special(t reflect.Type) string {
	switch t.PkgPath() + "." + t.Name() {
	case "k8s.io/apimachinery/pkg/apis/meta/v1.Time":
		return "time"
	case "k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime":
		return "microtime"
	case "k8s.io/apimachinery/pkg/api/resource.Quantity":
		return "quantity"
	case "k8s.io/apimachinery/pkg/util/intstr.IntOrString":
		return "intstr"
	case "k8s.io/apimachinery/pkg/apis/meta/v1.Duration":
		return "duration"
	case "k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1", "k8s.io/apimachinery/pkg/runtime.RawExtension":
		return "unsupported" // JSON of its own making: never decoded (a list holding one is read as JSON)
	}
	return ""
}

func nameOf(t reflect.Type) string {
	parts := strings.Split(t.PkgPath(), "/")
	return strings.Join(parts[len(parts)-2:], "/") + "." + t.Name()
}

func scalar(t reflect.Type) (string, string) {
	if s := special(t); s != "" {
		return s, ""
	}
	switch t.Kind() {
	case reflect.String:
		return "string", ""
	case reflect.Bool:
		return "bool", ""
	case reflect.Int32:
		return "int32", ""
	case reflect.Int64:
		return "int64", ""
	case reflect.Uint32:
		return "uint32", ""
	case reflect.Uint64:
		return "uint64", ""
	case reflect.Float64:
		return "double", ""
	case reflect.Float32:
		return "float", ""
	case reflect.Struct:
		visit(t)
		return "msg", nameOf(t)
	}
	panic(fmt.Sprintf("unsupported Go type %s", t))
}

func visit(t reflect.Type) {
	n := nameOf(t)
	if seen, ok := full[n]; ok {
		if seen != t {
			panic(fmt.Sprintf("two types named %s", n))
		}
		return
	}
	full[n] = t
	types[n] = nil
	order = append(order, n)
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		pb := sf.Tag.Get("protobuf")
		js := sf.Tag.Get("json")
		if js == "-" {
			continue // not in JSON (FieldsV1's raw bytes, whose type is unsupported anyway)
		}
		if pb == "" || pb == "-" {
			if sf.Anonymous && sf.Type.Name() == "TypeMeta" {
				continue
			}
			if pb == "" && sf.Tag.Get("protobuf_key") == "" {
				panic(fmt.Sprintf("%s.%s has no protobuf tag", n, sf.Name))
			}
		}
		if sf.Tag.Get("protobuf_key") != "" {
			pb = sf.Tag.Get("protobuf")
		}
		parts := strings.Split(pb, ",")
		num, err := strconv.Atoi(parts[1])
		if err != nil {
			panic(err)
		}
		jp := strings.Split(js, ",")
		f := field{name: jp[0], num: num}
		for _, o := range jp[1:] {
			if o == "omitempty" {
				f.omit = true
			}
			if o == "omitzero" {
				f.zero = true
			}
		}
		if f.name == "" && !sf.Anonymous {
			f.name = sf.Name
		}
		t := sf.Type
		if t.Kind() == reflect.Ptr {
			f.ptr = true
			t = t.Elem()
		}
		switch {
		case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
			f.kind = "bytes"
		case t.Kind() == reflect.Slice:
			f.list = true
			e := t.Elem()
			if e.Kind() == reflect.Ptr {
				panic(fmt.Sprintf("%s.%s: a list of pointers", n, sf.Name))
			}
			if e.Kind() == reflect.Slice && e.Elem().Kind() == reflect.Uint8 {
				f.kind = "bytes"
			} else {
				f.kind, f.ref = scalar(e)
			}
		case t.Kind() == reflect.Map:
			if t.Key().Kind() != reflect.String {
				panic(fmt.Sprintf("%s.%s: a map without string keys", n, sf.Name))
			}
			e := t.Elem()
			if e.Kind() == reflect.Slice && e.Elem().Kind() == reflect.Uint8 {
				f.mapKind = "bytes"
			} else {
				f.mapKind, f.ref = scalar(e)
			}
			f.kind = "map"
		default:
			f.kind, f.ref = scalar(t)
		}
		if sf.Anonymous && f.name == "" && f.kind != "msg" {
			panic(fmt.Sprintf("%s.%s: inline of a non-struct", n, sf.Name))
		}
		fs = append(fs, f)
	}
	types[n] = fs
}

func main() {
	roots := []reflect.Type{
		reflect.TypeOf(corev1.PodList{}), reflect.TypeOf(appsv1.ReplicaSetList{}), reflect.TypeOf(discoveryv1.EndpointSliceList{}),
		reflect.TypeOf(appsv1.DeploymentList{}), reflect.TypeOf(batchv1.JobList{}),
	}
	for _, r := range roots {
		visit(r)
	}
	sort.Strings(order)
	w := os.Stdout
	fmt.Fprintln(w, "// Generated by test/cluster/kube-bins/proto-schema (see there) from the Go")
	fmt.Fprintln(w, "// types of k8s.io/api v0.34: per message, its fields in the order encoding/json writes them.")
	fmt.Fprintln(w, "// A field: [JSON key ('' = inline), protobuf number, kind, message or map value kind, flags].")
	fmt.Fprintln(w, "// Flags: 1 pointer, 2 omitempty, 4 omitzero, 8 repeated, 16 map.")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "export type ProtoField = readonly [name: string, num: number, kind: string, ref: string, flags: number];")
	fmt.Fprintln(w, "")
	fmt.Fprintln(w, "export const PROTO_MESSAGES: Readonly<Record<string, readonly ProtoField[]>> = {")
	for _, n := range order {
		fmt.Fprintf(w, "  '%s': [\n", n)
		for _, f := range types[n] {
			flags := 0
			if f.ptr {
				flags |= 1
			}
			if f.omit {
				flags |= 2
			}
			if f.zero {
				flags |= 4
			}
			if f.list {
				flags |= 8
			}
			kind, ref := f.kind, f.ref
			if f.kind == "map" {
				flags |= 16
				kind = f.mapKind
			}
			fmt.Fprintf(w, "    ['%s', %d, '%s', '%s', %d],\n", f.name, f.num, kind, ref, flags)
		}
		fmt.Fprintln(w, "  ],")
	}
	fmt.Fprintln(w, "};")
}
