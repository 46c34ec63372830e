"""Validates rendered Kubernetes manifests offline (run by deploy/helm/validate.sh).

Built-in kinds go through kubernetes-validate (the Kubernetes OpenAPI schemas it bundles, strict: an unknown field is
an error). The operators' kinds (Strimzi, CloudNativePG, KEDA) go through the openAPIV3Schema of their CRDs committed
in deploy/helm/crd-schemas, with jsonschema, strictly too: an object schema that lists its properties and does not
preserve unknown fields takes no other field, as the API server's strict field validation would refuse it. A
Strimzi Kafka's version must be one the committed Strimzi release supports (its kafka-versions.yaml). Not
checked here: the CRDs' CEL rules (x-kubernetes-validations), which only an API server evaluates.

    python validate_manifests.py <crd-schemas dir> <kubernetes version> <manifest file>...
"""

import copy
import glob
import os
import re
import sys

import jsonschema
import kubernetes_validate
import yaml

NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")


def strict(schema):
    """The schema with unknown fields refused wherever the CRD does not keep them."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if (
                node.get("type") == "object"
                and "properties" in node
                and "additionalProperties" not in node
                and not node.get("x-kubernetes-preserve-unknown-fields")
            ):
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    # metadata is the API server's (ObjectMeta), described by the CRD as a bare object.
    schema.setdefault("properties", {})["metadata"] = {"type": "object"}
    return schema


def crd_validators(directory):
    validators = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        with open(path) as f:
            for crd in yaml.safe_load_all(f):
                if not isinstance(crd, dict) or crd.get("kind") != "CustomResourceDefinition":
                    continue
                group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
                for version in crd["spec"]["versions"]:
                    if not version.get("served", True):
                        continue
                    schema = strict(version["schema"]["openAPIV3Schema"])
                    validators[(f"{group}/{version['name']}", kind)] = (
                        jsonschema.Draft7Validator(schema),
                        os.path.basename(path),
                    )
    return validators


def strimzi_kafka_versions(directory):
    """The Kafka releases the committed Strimzi release supports (its kafka-versions.yaml)."""
    supported = set()
    for path in glob.glob(os.path.join(directory, "strimzi-*-kafka-versions.yaml")):
        with open(path) as f:
            supported |= {str(v["version"]) for v in yaml.safe_load(f) if v.get("supported")}
    return supported


def main(args):
    crd_dir, kubernetes_version, files = args[0], args[1], args[2:]
    validators = crd_validators(crd_dir)
    kafka_versions = strimzi_kafka_versions(crd_dir)
    counts, failures = {}, 0
    for path in files:
        with open(path) as f:
            documents = [d for d in yaml.safe_load_all(f) if d]
        for document in documents:
            api_version, kind = document.get("apiVersion", ""), document.get("kind", "")
            name = document.get("metadata", {}).get("name", "")
            where = f"{os.path.basename(path)}: {kind} {name}"
            problems = []
            if not NAME.match(name) or len(name) > 253:
                problems.append(f"metadata.name {name!r} is not a valid object name")
            if kind == "Kafka" and api_version.startswith("kafka.strimzi.io/"):
                version = str(document.get("spec", {}).get("kafka", {}).get("version", ""))
                if version and version not in kafka_versions:
                    problems.append(f"Kafka {version} is not one Strimzi supports ({', '.join(sorted(kafka_versions))})")
            if (api_version, kind) in validators:
                validator, source = validators[(api_version, kind)]
                for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
                    field = ".".join(str(p) for p in error.absolute_path) or "(root)"
                    problems.append(f"{field}: {error.message} (schema of {source})")
            elif "/" in api_version and "." in api_version.split("/")[0] and not api_version.endswith(".k8s.io/v1"):
                problems.append(f"no committed CRD schema for {api_version} {kind}")
            else:
                try:
                    kubernetes_validate.validate(document, kubernetes_version, strict=True)
                except kubernetes_validate.ValidationError as error:
                    field = ".".join(str(p) for p in error.path) or "(root)"
                    problems.append(f"{field}: {error.message} (Kubernetes {kubernetes_version})")
                except Exception as error:  # an unknown kind or version: say so
                    problems.append(f"{type(error).__name__}: {error}")
            if problems:
                failures += 1
                for problem in problems:
                    print(f"INVALID {where}: {problem}")
            counts[kind] = counts.get(kind, 0) + 1
    total = sum(counts.values())
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(f"{total - failures} of {total} manifests valid ({summary})")
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
