"""Sandboxed containers: images, a POSIX shell, virtual files and network, real services.

Knows nothing of Kubernetes; see interface.py for the contract the kubelet uses.
"""
