#!/usr/bin/env bash
# make demo: builds the provider and the local registry into .demo/, starts the registry (state
# persisted in .demo/registry-state.json, so a second run sees the same world), and applies
# examples/demo with the provider taken from the build (dev_overrides); apply prints the outputs,
# then the addresses of the registry's pages (the world, the certificate of each retirement the
# outputs name). The registry is stopped at the end; with KEEP=1 it keeps running until Ctrl-C, to
# browse the pages.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
demo=$root/.demo
. scripts/lib.sh

keep=${KEEP:-0}
case $keep in
  0 | 1) ;;
  *)
    echo "error: KEEP must be 1 (keep the local registry running after the apply, until Ctrl-C) or 0 (stop it, the default), not \"$keep\"" >&2
    exit 2
    ;;
esac

tf=$(terraform_cli)
export CHECKPOINT_DISABLE=1

mkdir -p "$demo/bin"
echo "==> Building the provider and the local registry into .demo/bin"
go build -ldflags "-X main.version=0.0.0-demo" -o "$demo/bin/terraform-provider-isometric" .
go build -o "$demo/bin/localregistry" ./cmd/localregistry

echo "==> Starting the local registry (state: .demo/registry-state.json)"
addr_file=$demo/registry.addr
rm -f "$addr_file"
"$demo/bin/localregistry" -addr 127.0.0.1:0 -addr-file "$addr_file" -state "$demo/registry-state.json" \
  >"$demo/registry.log" 2>&1 &
registry_pid=$!
stop_registry() {
  if kill -0 "$registry_pid" 2>/dev/null; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
}
trap stop_registry EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 100); do
  [ -s "$addr_file" ] && break
  if ! kill -0 "$registry_pid" 2>/dev/null; then
    echo "error: the local registry exited; its log (.demo/registry.log):" >&2
    cat "$demo/registry.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ ! -s "$addr_file" ]; then
  echo "error: the local registry did not write $addr_file within 10s; its log:" >&2
  cat "$demo/registry.log" >&2
  exit 1
fi
addr=$(tr -d '[:space:]' <"$addr_file")
addr=${addr#http://}
echo "    listening on http://$addr"

# Terraform takes the provider from .demo/bin instead of a registry (no terraform init needed).
export TF_CLI_CONFIG_FILE=$demo/terraformrc
cat >"$TF_CLI_CONFIG_FILE" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.terraform.io/isometric/isometric" = "$demo/bin"
    "registry.opentofu.org/isometric/isometric" = "$demo/bin"
  }
  direct {}
}
CONFIG

# The demo buyer's credentials (the provider reads them from the environment, like in CI).
export ISOMETRIC_ENDPOINT="http://$addr/registry/v0"
export ISOMETRIC_CLIENT_SECRET
export ISOMETRIC_ACCESS_TOKEN
export ISOMETRIC_ICR_ENDPOINT="http://$addr/icr"
export ISOMETRIC_ICR_ACCESS_TOKEN
ISOMETRIC_CLIENT_SECRET=$(demo_constant DemoClientSecret)
ISOMETRIC_ACCESS_TOKEN=$(demo_constant DemoBuyerToken)
ISOMETRIC_ICR_ACCESS_TOKEN=$(demo_constant DemoICRToken)
unset ISOMETRIC_ENVIRONMENT

# Terraform runs in .demo/run on a fresh copy of the configuration, so its working data and the
# demo state (.demo/run/terraform.tfstate) stay out of examples/. DEMO_CONFIG picks another configuration.
config=${DEMO_CONFIG:-examples/demo}
work=$demo/run
mkdir -p "$work"
find "$work" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.tfvars' -o -name '*.tf.json' \) -delete
cp "$config"/*.tf "$work"/
for f in "$config"/*.tfvars "$config"/*.tf.json; do
  if [ -e "$f" ]; then cp "$f" "$work"/; fi
done

# With dev_overrides, init is only needed for providers other than isometric: run it only then
# (offline, a configuration that uses only this provider never needs the network).
others=$("$tf" -chdir="$work" providers 2>/dev/null | grep -o 'provider\[[^]]*\]' | grep -v '/isometric/isometric\]' || true)
if [ -n "$others" ]; then
  echo "==> $(basename "$tf") init (the configuration also uses: $others)"
  "$tf" -chdir="$work" init -input=false
fi

echo "==> $(basename "$tf") apply ($config)"
"$tf" -chdir="$work" apply -auto-approve -input=false -compact-warnings

# The pages of the local registry (read-only HTML, see internal/localregistry/README.md, "Pages"):
# a retirement's url is https://to.isometric.com/<id>; its certificate is /<id> on the registry. The
# certificates listed are those of the outputs whose value is a retirement's url (the demo's own
# retirements: retirement_certificates).
echo "==> Pages of the local registry (open them in a browser while it runs)"
echo "    the world at a glance: http://$addr/"
certificates=$("$tf" -chdir="$work" output -json 2>/dev/null | grep -oE '"https?://[^"]*/ret_[0-9A-Za-z]+"' | sed -E 's#.*/(ret_[0-9A-Za-z]+)"$#\1#' | awk '!seen[$0]++' || true)
for id in $certificates; do
  echo "    certificate of $id: http://$addr/$id"
done

if [ "$keep" = 1 ]; then
  echo "==> The local registry keeps running on http://$addr (KEEP=1); Ctrl-C stops it"
  wait "$registry_pid" || true
else
  echo "    (the registry stops now; make demo KEEP=1 keeps it running)"
fi
