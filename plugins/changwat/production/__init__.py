"""The production profile's build step: security headers computed from the built site, and a runnable nginx.conf.

Plain logic, no MkDocs: csp.py reads the built HTML, headers.py turns what it found into headers and an nginx
include, nginx.py writes the server configuration from deploy/nginx/nginx.conf.in."""
