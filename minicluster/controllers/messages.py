"""Texts the real controllers write into events, conditions and container states.

Sources (facts only): pkg/controller/job/job_controller.go, pkg/controller/controller_utils.go,
pkg/kubelet/images/image_manager.go, pkg/kubelet/kuberuntime/*, pkg/scheduler/schedule_one.go,
pkg/controller/deployment/*; see /work/shared/reference/kubernetes-jobs-and-kubectl.md §2, §4.
"""

from __future__ import annotations

# -- job controller --------------------------------------------------------------------------
CREATED_POD = "Created pod: {pod}"
DELETED_POD = "Deleted pod: {pod}"
ERROR_CREATING = "Error creating: {error}"
JOB_COMPLETED = "Job completed"
JOB_SUSPENDED = "Job suspended"
JOB_RESUMED = "Job resumed"
COMPLETIONS_REACHED = "Reached expected number of succeeded pods"
BACKOFF_LIMIT_EXCEEDED = "Job has reached the specified backoff limit"
DEADLINE_EXCEEDED = "Job was active longer than specified deadline"
TOO_MANY_SUCCEEDED = "Too many succeeded pods running after completion count reached"

# -- scheduler -------------------------------------------------------------------------------
SCHEDULED = "Successfully assigned {namespace}/{pod} to {node}"
# FailedScheduling texts as the scheduler framework joins them (OBSERVED; reference §9 UNVERIFIED).
_NOT_HELPFUL = "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
UNSCHEDULABLE_CLAIM = 'persistentvolumeclaim "{claim}" not found'
UNSCHEDULABLE_CLAIM = "0/1 nodes are available: " + UNSCHEDULABLE_CLAIM + ". " + _NOT_HELPFUL
UNSCHEDULABLE_SELECTOR = (
    "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. " + _NOT_HELPFUL
)
UNSCHEDULABLE_RESOURCES = (
    "0/1 nodes are available: {reasons}. "
    "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
)

# -- kubelet ---------------------------------------------------------------------------------
PULLING = 'Pulling image "{image}"'
PULLED = (
    'Successfully pulled image "{image}" in {pull} ({total} including waiting). '
    "Image size: {size} bytes."
)
ALREADY_PRESENT = 'Container image "{image}" already present on machine'
FAILED_TO_PULL = 'Failed to pull image "{image}": {error}'
NEVER_PULL = 'Container image "{image}" is not present with pull policy of Never'
BACKOFF_PULLING = 'Back-off pulling image "{image}"'
ERROR_REASON = "Error: {reason}"
CREATED_CONTAINER = "Created container: {container}"
STARTED_CONTAINER = "Started container {container}"
STOPPING_CONTAINER = "Stopping container {container}"
BACKOFF_RESTARTING = (
    "Back-off restarting failed container {container} in pod {pod}_{namespace}({uid})"
)
CRASHLOOP_WAITING = (
    "back-off {delay} restarting failed container={container} pod={pod}_{namespace}({uid})"
)
POD_DEADLINE_EXCEEDED = "Pod was active on the node longer than the specified deadline"
PROBE_KILL = "Container {container} failed {probe} probe, will be restarted"
PROBE_FAILED = "{kind} probe failed: {detail}"
MOUNT_FAILED = 'MountVolume.SetUp failed for volume "{volume}" : {error}'
CONFIGMAP_NOT_FOUND = 'configmap "{name}" not found'
SECRET_NOT_FOUND = 'secret "{name}" not found'
PVC_NOT_FOUND = 'persistentvolumeclaim "{name}" not found'
CONFIGMAP_KEY_MISSING = "couldn't find key {key} in ConfigMap {namespace}/{name}"
SECRET_KEY_MISSING = "couldn't find key {key} in Secret {namespace}/{name}"

# -- deployment / replicaset -----------------------------------------------------------------
SCALED_UP = "Scaled up replica set {rs} to {new} from {old}"
SCALED_DOWN = "Scaled down replica set {rs} to {new} from {old}"
NEW_RS_AVAILABLE = 'ReplicaSet "{rs}" has successfully progressed.'
RS_UPDATED = 'ReplicaSet "{rs}" is progressing.'
NEW_RS_CREATED = 'Created new replica set "{rs}"'
FOUND_NEW_RS = 'Found new replica set "{rs}"'
MIN_AVAILABLE = "Deployment has minimum availability."
NO_MIN_AVAILABLE = "Deployment does not have minimum availability."
PROGRESS_DEADLINE = 'ReplicaSet "{rs}" has timed out progressing.'

# -- statefulset -----------------------------------------------------------------------------
STS_CREATE_POD = "create Pod {pod} in StatefulSet {sts} successful"
STS_DELETE_POD = "delete Pod {pod} in StatefulSet {sts} successful"
STS_CREATE_CLAIM = "create Claim {claim} Pod {pod} in StatefulSet {sts} success"

# -- cronjob ---------------------------------------------------------------------------------
CRONJOB_CREATED = "Created job {job}"
CRONJOB_SAW_COMPLETED = "Saw completed job: {job}, status: {status}"
CRONJOB_DELETED = "Deleted job {job}"
CRONJOB_ALREADY_ACTIVE = (
    "Not starting job because prior execution is running and concurrency policy is Forbid"
)
