"""Reconcilers on the virtual clock: scheduler, kubelet, Job, Deployment/ReplicaSet,
StatefulSet, DaemonSet, Endpoints and CronJob controllers, and the cluster network."""
