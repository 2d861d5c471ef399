"""One database of a PostgreSQL cluster, reached with psql (stdlib only): for the scripts that run
`wegwijzer` on PostgreSQL (scripts/faults --postgres, scripts/bench). Rows come back through COPY … CSV."""
import csv
import io
import os
import subprocess
import urllib.parse

# psql without NOTICEs ("database … does not exist, skipping").
QUIET = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}


class Postgres:
    def __init__(self, admin_url, name, psql):
        self.admin_url, self.name, self.psql = admin_url, name, psql
        parts = urllib.parse.urlsplit(admin_url)
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + name))

    def create(self, template=None):
        """A new empty database (dropping one of that name), or a file copy of `template`: a copy
        of a seeded database in the time it takes to copy its files, without writing it to the WAL."""
        self.drop()
        self.admin(f"CREATE DATABASE {self.name}" + (f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""))
        return self

    def drop(self):
        self.admin(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")

    def admin(self, sql):
        subprocess.run([self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.admin_url, "-c", sql], check=True,
                       stdout=subprocess.DEVNULL, env=QUIET)

    def execute(self, sql):
        subprocess.run([self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c", sql], check=True,
                       stdout=subprocess.DEVNULL, env=QUIET)

    def rows(self, query):
        out = subprocess.run([self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url, "-c",
                              f"COPY ({query}) TO STDOUT WITH (FORMAT csv)"],
                             check=True, capture_output=True, text=True).stdout
        return list(csv.reader(io.StringIO(out)))

    def value(self, query):
        return int(self.rows(query)[0][0])

    def megabytes(self):
        return self.value(f"SELECT pg_database_size('{self.name}')") / 2**20
