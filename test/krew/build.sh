#!/usr/bin/env bash
# Builds krew and validate-krew-manifest (sigs.k8s.io/krew at the version pinned below) from
# the Go module proxy into a cache outside the repository, as test/cluster/build.sh does
# for the control plane. Does nothing when they are cached. Prints the cache directory on
# its last line. The wrapper module (go.mod, go.sum) beside this script pins every module.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KREW_VERSION=v0.4.3
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" GOSUMDB="${GOSUMDB_OVERRIDE:-off}"
cache="${WHOSELECTS_KREW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/whoselects/krew-bins}/$KREW_VERSION"
if [ -x "$cache/krew" ] && [ -x "$cache/validate-krew-manifest" ]; then echo "$cache"; exit 0; fi
if ! grep -q "sigs.k8s.io/krew $KREW_VERSION" "$here/go.mod"; then
  echo "build.sh: test/krew/go.mod does not pin sigs.k8s.io/krew $KREW_VERSION" >&2; exit 1
fi
mkdir -p "$cache"
start=$(date +%s)
echo "build.sh: building krew $KREW_VERSION into $cache" >&2
( cd "$here"
  go build -p 2 -trimpath -o "$cache/" \
    -ldflags "-s -w -X sigs.k8s.io/krew/internal/version.gitTag=$KREW_VERSION -X sigs.k8s.io/krew/internal/version.gitCommit=$KREW_VERSION" \
    sigs.k8s.io/krew/cmd/krew sigs.k8s.io/krew/cmd/validate-krew-manifest )
echo "build.sh: built in $(( $(date +%s) - start ))s" >&2
echo "$cache"
