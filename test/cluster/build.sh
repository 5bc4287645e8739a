#!/usr/bin/env bash
# Builds the test control plane (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kwok) from the Go module proxy into a cache outside the
# repository, keyed by version. Does nothing when the cached binaries already report
# the pinned versions. Prints the cache directory on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$here/versions.env"
# The checksum database is not reachable from every machine that runs this; the committed
# go.sum pins every module hash once it has been generated.
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" GOSUMDB="${GOSUMDB_OVERRIDE:-off}"
cache="${WHOSELECTS_KUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/whoselects/kube-bins}"
out="$cache/$K8S_VERSION-kwok-$KWOK_VERSION"
mkdir -p "$out"

have() { [ -x "$out/$1" ]; }
if have kube-apiserver && have kube-controller-manager && have kube-scheduler && have kubectl && have etcd && have kwok \
   && "$out/kube-apiserver" --version 2>/dev/null | grep -qx "Kubernetes $K8S_VERSION"; then
  echo "$out"; exit 0
fi

log() { echo "build.sh: $*" >&2; }
mod="$here/kube-bins"
minor="$(echo "$K8S_VERSION" | cut -d. -f2)"
staging="v0.${K8S_VERSION#v1.}"

# The wrapper module is committed; regenerate it only when the pinned version changed.
if ! grep -q "k8s.io/kubernetes $K8S_VERSION" "$mod/go.mod" 2>/dev/null; then
  log "generating the wrapper module for $K8S_VERSION"
  rm -f "$mod/go.mod" "$mod/go.sum"
  ( cd "$mod"
    go mod init whoselects.local/kube-bins >/dev/null 2>&1
    go mod edit -go=1.24.0 -godebug=default=go1.24
    go mod download k8s.io/kubernetes@"$K8S_VERSION"
    upstream="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$K8S_VERSION.mod"
    for m in $(awk '$1 ~ /^k8s\.io\// && $2=="v0.0.0" {print $1}' "$upstream"); do
      go mod edit -replace="$m=$m@$staging"
    done
    go get -tool k8s.io/kubernetes/cmd/kube-apiserver@"$K8S_VERSION" \
      k8s.io/kubernetes/cmd/kube-controller-manager@"$K8S_VERSION" \
      k8s.io/kubernetes/cmd/kube-scheduler@"$K8S_VERSION" \
      k8s.io/kubernetes/cmd/kubectl@"$K8S_VERSION"
    etcd="$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3 2>/dev/null || true)"
    go get -tool go.etcd.io/etcd/server/v3@"${etcd:-v3.6.4}"
    go mod tidy )
fi

ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION \
 -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor \
 -X k8s.io/component-base/version.gitTreeState=clean \
 -X k8s.io/component-base/version.buildDate=1970-01-01T00:00:00Z \
 -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION \
 -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
start=$(date +%s)
log "building Kubernetes $K8S_VERSION into $out (a cold build takes a while on 2 cores)"
( cd "$mod"
  go build -p 2 -trimpath -ldflags "$ldflags" -o "$out/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
  go build -p 2 -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3 )
log "building kwok $KWOK_VERSION"
GOFLAGS=-buildvcs=false GOBIN="$out" go install -trimpath -ldflags "-s -w" sigs.k8s.io/kwok/cmd/kwok@"$KWOK_VERSION"
log "built in $(( $(date +%s) - start ))s"
"$out/kube-apiserver" --version >&2
echo "$out"
