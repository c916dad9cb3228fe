"""The participation service as an import string, for several worker processes on one port:

    python -m changwat_service migrate          # once, before the workers start
    uvicorn --app-dir deploy --factory changwat_asgi:app --workers 4 --host 127.0.0.1 --port 8100 --no-server-header

`python -m changwat_service serve` runs one process; uvicorn needs an import string to start more. Each worker
builds its app from the same environment (CHANGWAT_SERVICE_*). The workers do not migrate: N processes must not
race to create the schema on a fresh database, so migrate once first (deploy/compose.yml does).
"""

from changwat_service.settings import load_settings
from changwat_service.web.app import create_app


def app():
    return create_app(load_settings(), migrate_db=False)
