#!/usr/bin/env bash
# Builds a Terraform or OpenTofu CLI from its Go module (through the Go module proxy, no other
# download) and prints the path of the binary on stdout; progress goes to stderr.
#
#   scripts/build-cli.sh terraform 1.14.9
#   scripts/build-cli.sh tofu 1.10.10
#   scripts/build-cli.sh --cached terraform 1.14.9   # the cached binary, or exit 1 (no build)
#
# Binaries are cached outside the clone, in $ISOMETRIC_CLI_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/isometric-ci), one directory per CLI and version, so that a second
# run reuses them: a cached binary that answers `version` with the expected version is printed at
# once. A build takes several minutes (about 6 for OpenTofu, 9 for Terraform on two cores).
#
# Terraform's module zip lacks the nested modules of nine remote-state backends (azure, consul, cos,
# gcs, kubernetes, oci, oss, pg, s3) and internal/legacy, which its go.mod requires and replaces with
# local directories. The script builds a copy without them: it drops their require and replace
# lines from go.mod and the backends from internal/backend/init/init.go. The local, http, inmem,
# remote and cloud backends remain, which is all the acceptance tests use.
set -euo pipefail

usage() {
  echo "usage: $0 [--cached] terraform|tofu VERSION   (e.g. $0 terraform 1.14.9, $0 tofu 1.10.10)" >&2
  exit 2
}
cached_only=false
if [ "${1:-}" = --cached ]; then # print the cached binary, or fail without building
  cached_only=true
  shift
fi
[ $# -eq 2 ] || usage
cli=$1 version=${2#v}
case $cli in
  terraform) module=github.com/hashicorp/terraform pkg=. ;;
  tofu) module=github.com/opentofu/opentofu pkg=./cmd/tofu ;;
  *) usage ;;
esac

cache=${ISOMETRIC_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/isometric-ci}
dest=$cache/$cli-$version
bin=$dest/$cli

log() { echo "build-cli: $*" >&2; }

# reports_version BINARY: the binary runs and reports exactly $version (not a -dev build).
reports_version() {
  local out
  out=$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null) || return 1
  case ${out%%$'\n'*} in
    "Terraform v$version" | "OpenTofu v$version") return 0 ;;
    *) return 1 ;;
  esac
}

if [ -x "$bin" ] && reports_version "$bin"; then
  $cached_only || log "$cli $version: cached at $bin"
  echo "$bin"
  exit 0
fi
$cached_only && exit 1

mkdir -p "$cache"
started=$SECONDS
log "$cli $version: downloading module $module@v$version"
src=$(cd "$cache" && go mod download -json "$module@v$version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$src" ] || [ ! -d "$src" ]; then
  log "error: go mod download gave no directory for $module@v$version (is the Go module proxy reachable?)"
  exit 1
fi

work=$(mktemp -d "$cache/.build-$cli-$version.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$src/." "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"

if [ "$cli" = terraform ]; then
  # The nested modules the zip does not hold: every replace of a terraform/internal/... module
  # with a local directory that is missing.
  missing=()
  while read -r mod dir; do
    [ -d "$dir" ] || missing+=("$mod")
  done < <(sed -n 's#^replace \(github.com/hashicorp/terraform/internal/[^ ]*\) => \./\(.*\)$#\1 \2#p' go.mod)
  for mod in ${missing[@]+"${missing[@]}"}; do
    log "without $mod (not in the module zip)"
    # Its require line (inside the require block) and its replace line.
    grep -v -F -e "	$mod v" -e "replace $mod =>" go.mod >go.mod.new
    mv go.mod.new go.mod
    case $mod in
      */backend/remote-state/*)
        # The backend's import and its entry in the map of backends (both name its alias).
        alias=$(sed -n "s#^[[:space:]]*\([A-Za-z0-9_]*\) \"$mod\"\$#\1#p" internal/backend/init/init.go)
        if [ -z "$alias" ]; then
          log "error: internal/backend/init/init.go does not import $mod; this version needs another patch"
          exit 1
        fi
        grep -v -E "(^|[^A-Za-z0-9_])$alias([^A-Za-z0-9_]|$)" internal/backend/init/init.go >init.go.new
        mv init.go.new internal/backend/init/init.go
        ;;
    esac
  done
fi

log "$cli $version: go build $pkg (this takes several minutes)"
GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X $module/version.dev=no" -o "$work/$cli" "$pkg"
if ! reports_version "$work/$cli"; then
  log "error: the built $cli does not report version $version:"
  "$work/$cli" version >&2 || true
  exit 1
fi
mkdir -p "$dest"
mv "$work/$cli" "$bin.tmp.$$"
mv "$bin.tmp.$$" "$bin"
log "$cli $version: built in $((SECONDS - started))s, cached at $bin"
echo "$bin"
