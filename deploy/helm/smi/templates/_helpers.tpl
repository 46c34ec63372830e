{{/* Names and labels shared by every object of the chart. */}}
{{- define "smi.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "smi.labels" -}}
app.kubernetes.io/part-of: smi
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component (a service or the dashboard): (dict "root" $ "name" "forecasting"). */}}
{{- define "smi.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* What every service pod carries, so the Kafka and Postgres policies can admit them and nothing else. */}}
{{- define "smi.clientLabel" -}}
smi.io/platform-client: "true"
{{- end -}}

{{- define "smi.componentName" -}}
{{- printf "%s-%s" (include "smi.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "smi.image" -}}
{{- $repo := required "image.repository is required: the image built from deploy/docker/Dockerfile" .Values.image.repository -}}
{{- $tag := required "image.tag is required" .Values.image.tag -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{/* The platform's topics, principals and consumer groups, written by tools/helm-values.ts. */}}
{{- define "smi.kafkaDefinitions" -}}
{{- .Files.Get "generated/kafka.json" -}}
{{- end -}}

{{- define "smi.kafkaBrokers" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9092" .Values.kafka.strimzi.clusterName -}}
{{- else -}}
{{- required "kafka.external.brokers is required when kafka.strimzi.enabled is false" .Values.kafka.external.brokers -}}
{{- end -}}
{{- end -}}

{{/* The Secret and key holding a service's Kafka password: (dict "root" $ "name" "forecasting"). */}}
{{- define "smi.kafkaPasswordSecret" -}}
{{- if .root.Values.kafka.strimzi.enabled -}}
{{- printf "smi-%s" .name -}}
{{- else if .root.Values.kafka.external.existingSecret -}}
{{- .root.Values.kafka.external.existingSecret -}}
{{- else -}}
{{- printf "%s-kafka-passwords" (include "smi.fullname" .root) -}}
{{- end -}}
{{- end -}}

{{- define "smi.kafkaPasswordKey" -}}
{{- if .root.Values.kafka.strimzi.enabled -}}password{{- else -}}{{ printf "smi-%s" .name }}{{- end -}}
{{- end -}}

{{- define "smi.partiesSecret" -}}
{{- if .Values.parties.existingSecret -}}
{{- .Values.parties.existingSecret -}}
{{- else -}}
{{- printf "%s-parties" (include "smi.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "smi.dbRole" -}}
{{- printf "smi_%s" (.name | replace "-" "_") -}}
{{- end -}}

{{- define "smi.dbSecret" -}}
{{- printf "%s-db-%s" (include "smi.fullname" .root) .name -}}
{{- end -}}
