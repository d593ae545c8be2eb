{{/* Names, labels, images and the environment shared by the templates. */}}

{{- define "zelfbeheer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's base name: the release name when it already contains the chart's name. */}}
{{- define "zelfbeheer.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* A component's object name: (list $ "rasa"); at most 52 characters (CronJob names), the base name shortened so
that the component's suffix stays. */}}
{{- define "zelfbeheer.componentName" -}}
{{- $root := index . 0 }}
{{- $suffix := index . 1 }}
{{- $base := include "zelfbeheer.fullname" $root | trunc (int (sub 51 (len $suffix))) | trimSuffix "-" }}
{{- printf "%s-%s" $base $suffix }}
{{- end }}

{{- define "zelfbeheer.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "zelfbeheer.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "zelfbeheer.labels" -}}
{{- $root := index . 0 -}}
{{ include "zelfbeheer.selectorLabels" . }}
app.kubernetes.io/part-of: zelfbeheer-adviseur
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* An image reference: (list $ .Values.rasa.image). */}}
{{- define "zelfbeheer.image" -}}
{{- $root := index . 0 }}
{{- $image := index . 1 }}
{{- $repository := $image.repository }}
{{- with $root.Values.image.registry }}{{ $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}{{ end }}
{{- printf "%s:%s" $repository (default $root.Chart.AppVersion $root.Values.image.tag | toString) }}
{{- end }}

{{/* An environment variable from the Secret: (list $ "DB_PASSWORD") or (list $ "SOCKET_JWT_KEY" true) (optional). */}}
{{- define "zelfbeheer.secretEnv" -}}
{{- $root := index . 0 }}
{{- $name := index . 1 -}}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ required "secrets.existingSecret: the name of the Secret with the passwords" $root.Values.secrets.existingSecret }}
      key: {{ required (printf "secrets.keys.%s: its key in the Secret" $name) (index $root.Values.secrets.keys $name) }}
      {{- if gt (len .) 2 }}
      optional: {{ index . 2 }}
      {{- end }}
{{- end }}

{{/* The action server's webhook, as Rasa reaches it. */}}
{{- define "zelfbeheer.actionServerUrl" -}}
{{- printf "http://%s:5055/webhook" (include "zelfbeheer.componentName" (list . "action-server")) }}
{{- end }}

{{/* Every variable deploy/endpoints.yml (the Rasa image's endpoints.yml) reads: Rasa refuses the file while one is
unset, so the retention job, which reads its tracker_store, gets them all too. */}}
{{- define "zelfbeheer.endpointsEnv" -}}
- name: ACTION_SERVER_URL
  value: {{ include "zelfbeheer.actionServerUrl" . | quote }}
- name: DB_HOST
  value: {{ required "postgresql.host: the PostgreSQL server" .Values.postgresql.host | quote }}
- name: DB_PORT
  value: {{ .Values.postgresql.port | quote }}
- name: DB_NAME
  value: {{ .Values.postgresql.database | quote }}
- name: DB_USER
  value: {{ .Values.postgresql.user | quote }}
{{ include "zelfbeheer.secretEnv" (list . "DB_PASSWORD") }}
- name: REDIS_HOST
  value: {{ required "redis.host: the Redis server" .Values.redis.host | quote }}
- name: REDIS_PORT
  value: {{ .Values.redis.port | quote }}
{{ include "zelfbeheer.secretEnv" (list . "REDIS_PASSWORD") }}
- name: REDIS_DB
  value: {{ .Values.redis.db | quote }}
{{- end }}

{{/* Pod-level settings of every pod: not root (the images run as 1001, group 0), the runtime's seccomp profile,
no service account token and no service-link variables (a Service named `redis` would otherwise set REDIS_PORT). */}}
{{- define "zelfbeheer.podSpec" -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  runAsNonRoot: true
  runAsUser: 1001
  seccompProfile:
    type: RuntimeDefault
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end }}

{{- define "zelfbeheer.containerSecurityContext" -}}
securityContext:
  allowPrivilegeEscalation: false
  capabilities:
    drop: ["ALL"]
{{- end }}

{{/* Spread a component's pods over nodes where possible (a drain then takes fewer of them at once). */}}
{{- define "zelfbeheer.scheduling" -}}
{{- $root := index . 0 }}
{{- $values := index . 2 -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "zelfbeheer.selectorLabels" (list $root (index . 1)) | nindent 8 }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
