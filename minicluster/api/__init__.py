"""The miniature Kubernetes apiserver: kinds, store, validation, selectors, patches, events.

Entry point: `minicluster.api.server.ApiServer(clock, rand)`; see docs/contracts.md ("api").
"""
