#!/usr/bin/env bash
# Validates the Helm chart deploy/helm/smi offline, from a clean clone (only the Go module proxy and PyPI are reached,
# and only the first time):
#   1. the chart's topics and principals (generated/kafka.json) are what tools/helm-values.ts makes of the code's
#      topic and ACL definitions;
#   2. `helm lint` and `helm template` (Helm built from the Go module proxy into .local/helm/) with the values the chart
#      requires alone, and with every option on (test-values/everything.yaml plus the demo parties' Kafka topics and
#      principals); with the defaults alone the render must fail, naming the values to set;
#   3. every rendered manifest against its schema: built-in kinds with kubernetes-validate (PyPI, in a venv under
#      .local/helm/), the Strimzi, CloudNativePG and KEDA kinds with the CRDs committed in deploy/helm/crd-schemas.
#
#   deploy/helm/validate.sh [provision]     provision: build Helm and the venv only
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
STATE_DIR="${SMI_LOCAL_DIR:-$REPO_ROOT/.local}"
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$PWD/$STATE_DIR" ;; esac
HELM_DIR="$STATE_DIR/helm"
HELM_MODULE=helm.sh/helm/v4
HELM_VERSION="${SMI_HELM_VERSION:-v4.3.2}"
HELM="$HELM_DIR/bin/helm"
VENV="$HELM_DIR/venv"
# The Python packages of the validation, pinned.
PY_PACKAGES="kubernetes-validate==1.37.0 jsonschema==4.26.0 PyYAML==6.0.4"
# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and the newest kubernetes-validate knows.
KUBE_VERSIONS="1.29.0 1.37.0"
CHART="$SCRIPT_DIR/smi"
CRDS="$SCRIPT_DIR/crd-schemas"

log() { printf '[helm-validate] %s\n' "$*" >&2; }
die() { printf '[helm-validate] ERROR: %s\n' "$*" >&2; exit 1; }

provision_helm() {
  if [ -x "$HELM" ] && [ "$(cat "$HELM_DIR/built-from" 2>/dev/null)" = "$HELM_MODULE@$HELM_VERSION" ]; then return 0; fi
  command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"
  command -v go >/dev/null || die "Go is needed to build Helm (1.24 or later; https://go.dev/dl/)"
  local t0=$SECONDS
  log "building helm $HELM_VERSION from the Go module proxy with $(go version | cut -d' ' -f3); minutes on a cold cache ..."
  mkdir -p "$HELM_DIR/bin"
  # The version string is set at link time, as Helm's own release build does (else `helm version` says v4.3).
  GOBIN="$HELM_DIR/bin" go install -ldflags "-s -w -X $HELM_MODULE/internal/version.version=$HELM_VERSION" \
    "$HELM_MODULE/cmd/helm@$HELM_VERSION"
  echo "$HELM_MODULE@$HELM_VERSION" >"$HELM_DIR/built-from"
  log "built $HELM in $((SECONDS - t0))s"
}

provision_venv() {
  if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/installed" 2>/dev/null)" = "$PY_PACKAGES" ]; then return 0; fi
  command -v python3 >/dev/null || die "python3 (3.9 or later) is needed for the schema validation"
  log "installing $PY_PACKAGES into $VENV (PyPI)"
  python3 -m venv "$VENV"
  # shellcheck disable=SC2086 # one word per package
  "$VENV/bin/pip" install --quiet --disable-pip-version-check $PY_PACKAGES
  echo "$PY_PACKAGES" >"$VENV/installed"
}

provision_helm
provision_venv
[ "${1:-}" = provision ] && exit 0

t0=$SECONDS
out="$(mktemp -d)"
# shellcheck disable=SC2064 # the folder is known now
trap "rm -rf '$out'" EXIT
cd "$REPO_ROOT"

log "the chart's topics and principals against the code's definitions"
node_modules/.bin/node -r @swc-node/register tools/helm-values.ts --check
node_modules/.bin/node -r @swc-node/register tools/helm-values.ts --parties deploy/seed/parties.json --out "$out/parties-kafka.yaml" >/dev/null

log "a required value left out fails the render, naming it"
if "$HELM" template smi "$CHART" >/dev/null 2>"$out/defaults.err"; then
  die "helm template rendered with the defaults alone: a required value has a default"
fi
for value in image.repository image.tag parties.json dashboard.sessionSecret kafka.external.brokers \
  kafka.external.passwords.shipment postgres.external.url; do
  if "$HELM" template smi "$CHART" -f "$SCRIPT_DIR/test-values/required-only.yaml" --set "$value=" >/dev/null 2>"$out/missing.err"; then
    die "helm template rendered without $value"
  fi
  grep -q "$value" "$out/missing.err" || die "the render without $value does not name it: $(cat "$out/missing.err")"
done
if "$HELM" template smi "$CHART" -f "$SCRIPT_DIR/test-values/everything.yaml" \
  --set postgres.cloudnativepg.existingSecrets=false >/dev/null 2>"$out/missing.err"; then
  die "helm template rendered CloudNativePG roles without their passwords"
fi
grep -q "postgres.cloudnativepg.passwords" "$out/missing.err" || die "the render without role passwords does not name them: $(cat "$out/missing.err")"
if "$HELM" template smi "$CHART" -f "$SCRIPT_DIR/test-values/required-only.yaml" --set dashboard.sessionSecret=short >/dev/null 2>"$out/missing.err"; then
  die "helm template took a dashboard secret shorter than 32 characters"
fi

declare -A values=(
  [required-only]="-f $SCRIPT_DIR/test-values/required-only.yaml"
  [everything]="-f $SCRIPT_DIR/test-values/everything.yaml -f $out/parties-kafka.yaml"
)
for name in required-only everything; do
  log "helm lint and template: $name"
  # shellcheck disable=SC2086 # the -f options
  "$HELM" lint --strict "$CHART" ${values[$name]} --quiet
  # shellcheck disable=SC2086
  "$HELM" template smi "$CHART" --namespace smi ${values[$name]} >"$out/$name.yaml"
done

status=0
for version in $KUBE_VERSIONS; do
  log "schemas (Kubernetes $version, CRDs of deploy/helm/crd-schemas)"
  "$VENV/bin/python" "$SCRIPT_DIR/validate_manifests.py" "$CRDS" "$version" "$out/required-only.yaml" "$out/everything.yaml" || status=1
done
[ "$status" = 0 ] || die "invalid manifests (above)"
log "chart valid in $((SECONDS - t0))s"
