{{/* Chart name. */}}
{{- define "thanos.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name. */}}
{{- define "thanos.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's resource name: dict "ctx" $ "component" "query-frontend". */}}
{{- define "thanos.componentName" -}}
{{- printf "%s-%s" (include "thanos.fullname" .ctx) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels common to every resource of a component. */}}
{{- define "thanos.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: thanos
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
{{ include "thanos.selectorLabels" . }}
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of a component. */}}
{{- define "thanos.selectorLabels" -}}
app.kubernetes.io/name: {{ include "thanos.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The image reference. */}}
{{- define "thanos.image" -}}
{{- $img := .Values.image -}}
{{- $ref := printf "%s/%s" $img.registry $img.repository | trimPrefix "/" -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $ref $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (default .Chart.AppVersion $img.tag) -}}
{{- end -}}
{{- end -}}

{{/* The service account name. */}}
{{- define "thanos.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "thanos.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the objstore YAML. */}}
{{- define "thanos.objstoreSecretName" -}}
{{- if .Values.existingObjstoreSecret -}}
{{- .Values.existingObjstoreSecret -}}
{{- else -}}
{{- printf "%s-objstore-secret" (include "thanos.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Whether a bucket is configured at all. */}}
{{- define "thanos.objstoreEnabled" -}}
{{- if or .Values.objstoreConfig .Values.existingObjstoreSecret -}}true{{- end -}}
{{- end -}}

{{/* The objstore flag, when a bucket is configured. */}}
{{- define "thanos.objstoreFlag" -}}
{{- if include "thanos.objstoreEnabled" . -}}
- --objstore.config-file=/etc/thanos/objstore/{{ (first .Values.existingObjstoreSecretItems).path }}
{{- end -}}
{{- end -}}

{{/* Flags every long-running component takes: logging, HTTP (and gRPC when "grpc" is true) grace periods. */}}
{{- define "thanos.commonFlags" -}}
- --log.level={{ .ctx.Values.logLevel }}
- --log.format={{ .ctx.Values.logFormat }}
- --http-address=0.0.0.0:10902
- --http-grace-period={{ .ctx.Values.gracePeriodSeconds }}s
{{- if .grpc }}
- --grpc-address=0.0.0.0:10901
- --grpc-grace-period={{ .ctx.Values.gracePeriodSeconds }}s
{{- end }}
{{- end -}}

{{/* The container env: JVM sizing, the Spring profile, the pod's name and namespace, then extraEnv. */}}
{{- define "thanos.env" -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%v -Djava.io.tmpdir=/tmp %s %s" .ctx.Values.jvm.maxRamPercentage .ctx.Values.jvm.extraOpts (default "" .values.javaOpts) | trim | quote }}
- name: SPRING_PROFILES_ACTIVE
  value: {{ .ctx.Values.springProfiles | quote }}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Liveness, readiness and startup probes on the component's HTTP port. */}}
{{- define "thanos.probes" -}}
startupProbe:
  httpGet:
    path: /-/healthy
    port: http
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /-/healthy
    port: http
  periodSeconds: 30
  timeoutSeconds: 5
  failureThreshold: 4
readinessProbe:
  httpGet:
    path: /-/ready
    port: http
  periodSeconds: 5
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* Pod-level settings shared by every workload: dict "ctx" $ "values" .Values.<component>. */}}
{{- define "thanos.podSpecCommon" -}}
serviceAccountName: {{ include "thanos.serviceAccountName" .ctx }}
automountServiceAccountToken: {{ .ctx.Values.serviceAccount.automountServiceAccountToken }}
terminationGracePeriodSeconds: {{ add .ctx.Values.gracePeriodSeconds 15 }}
securityContext:
  {{- toYaml .ctx.Values.podSecurityContext | nindent 2 }}
{{- with .ctx.Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Container-level settings shared by every workload. */}}
{{- define "thanos.containerCommon" -}}
image: {{ include "thanos.image" .ctx }}
imagePullPolicy: {{ .ctx.Values.image.pullPolicy }}
securityContext:
  {{- toYaml .ctx.Values.containerSecurityContext | nindent 2 }}
resources:
  {{- toYaml .values.resources | nindent 2 }}
env:
  {{- include "thanos.env" . | nindent 2 }}
{{ include "thanos.probes" . }}
{{- end -}}

{{/* Mounts every container has: writable /tmp and, with a bucket, the objstore Secret. */}}
{{- define "thanos.commonVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if include "thanos.objstoreEnabled" . }}
- name: objstore-config
  mountPath: /etc/thanos/objstore
  readOnly: true
{{- end }}
{{- end -}}

{{- define "thanos.commonVolumes" -}}
- name: tmp
  emptyDir: {}
{{- if include "thanos.objstoreEnabled" . }}
- name: objstore-config
  secret:
    secretName: {{ include "thanos.objstoreSecretName" . }}
    items:
      {{- toYaml .Values.existingObjstoreSecretItems | nindent 6 }}
{{- end }}
{{- end -}}

{{/* Pod annotations: a checksum of the objstore config so pods restart when it changes. */}}
{{- define "thanos.podAnnotations" -}}
{{- if .ctx.Values.objstoreConfig }}
checksum/objstore: {{ .ctx.Values.objstoreConfig | sha256sum }}
{{- end }}
{{- with .values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A DNS SRV endpoint for a headless service's named port: dict "ctx" $ "service" name "port" "grpc". */}}
{{- define "thanos.dnssrv" -}}
{{- printf "dnssrv+_%s._tcp.%s.%s.svc.%s" .port .service .ctx.Release.Namespace .ctx.Values.clusterDomain -}}
{{- end -}}

{{/* Whether a component's ServiceMonitor is on (its own switch, else the global default). */}}
{{- define "thanos.serviceMonitorEnabled" -}}
{{- $own := .values.serviceMonitor.enabled -}}
{{- if kindIs "bool" $own -}}
{{- if $own }}true{{ end -}}
{{- else if .ctx.Values.metrics.serviceMonitor.enabled -}}true
{{- end -}}
{{- end -}}

{{/* The store gateway shards: a list of {name, index, total, min, max}. */}}
{{- define "thanos.storegatewayShards" -}}
{{- $sg := .Values.storegateway -}}
{{- $hash := 1 -}}
{{- if $sg.sharded.enabled }}{{ $hash = int (default 1 $sg.sharded.hashPartitioning.shards) }}{{ end -}}
{{- $times := list (dict "min" "" "max" "") -}}
{{- if and $sg.sharded.enabled $sg.sharded.timePartitioning }}{{ $times = $sg.sharded.timePartitioning }}{{ end -}}
{{- $sharded := and $sg.sharded.enabled (or (gt $hash 1) (gt (len $times) 1)) -}}
{{- $out := list -}}
{{- range $t, $time := $times -}}
{{- range $h := until $hash -}}
{{- $name := "storegateway" -}}
{{- if $sharded }}{{ $name = printf "storegateway-%d-%d" $t $h }}{{ end -}}
{{- $out = append $out (dict "name" $name "index" $h "total" $hash "min" (default "" $time.min) "max" (default "" $time.max)) -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* receive's hashring file, generated from replicaCount. */}}
{{- define "thanos.receiveHashrings" -}}
{{- $name := include "thanos.componentName" (dict "ctx" . "component" "receive") -}}
{{- $headless := printf "%s-headless" $name -}}
{{- $endpoints := list -}}
{{- range $i := until (int .Values.receive.replicaCount) -}}
{{- $endpoints = append $endpoints (printf "%s-%d.%s.%s.svc.%s:10901" $name $i $headless $.Release.Namespace $.Values.clusterDomain) -}}
{{- end -}}
{{- $ring := dict "hashring" "default" "tenants" (default (list) .Values.receive.tenants) "endpoints" $endpoints -}}
{{- list $ring | toPrettyJson -}}
{{- end -}}
