// Fields of a pod (and of every pod template: a ReplicaSet's, a Deployment's, a Job's…) that no
// part of whoselects reads: the core's types do not declare them and no rule, view or renderer
// looks at them. A protobuf list page steps over them by their length instead of decoding them
// into objects nobody reads (on the 20k bench fixture, about a quarter of the decoding time of
// pods, ReplicaSets and slices: tolerations, volumes, env, resources, security contexts,
// container statuses' image and container IDs). A page read as JSON keeps them: JSON.parse
// cannot leave a key out.
//
// Before reading one of these anywhere, take it out of this list (a test fails otherwise).

const UNREAD: Record<string, string[]> = {
  'core/v1.PodSpec': [
    'volumes', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount',
    'automountServiceAccountToken', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets',
    'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig',
    'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'os',
    'hostUsers', 'schedulingGates', 'resourceClaims', 'resources',
  ],
  'core/v1.Container': [
    'workingDir', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicyRules', 'volumeMounts', 'volumeDevices',
    'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdinOnce',
  ],
  'core/v1.PodStatus': [
    'nominatedNodeName', 'hostIPs', 'qosClass', 'ephemeralContainerStatuses', 'resize', 'resourceClaimStatuses',
    'extendedResourceClaimStatus',
  ],
  'core/v1.ContainerStatus': [
    'lastState', 'imageID', 'containerID', 'allocatedResources', 'resources', 'volumeMounts', 'user',
    'allocatedResourcesStatus', 'stopSignal',
  ],
};

/** `message.field` names, as the protobuf decoder takes them. */
export const UNREAD_FIELDS: ReadonlySet<string> = new Set(Object.entries(UNREAD).flatMap(([message, fields]) => fields.map((f) => `${message}.${f}`)));

/** The same, by field name alone (for the test that keeps the list honest). */
export const UNREAD_FIELD_NAMES: ReadonlySet<string> = new Set(Object.values(UNREAD).flat());
