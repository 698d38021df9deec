-- Run by scripts/init-db.sh as the superuser, once per mailer of mailers.txt: one database and one
-- login role per mailer; each role owns only its database. psql variables: mailer (the profile's
-- name, which is also the database's) and password (from the mailer's Docker secret, never from
-- this file):  psql -v mailer=<name> -v password=... -f init-db.sql
\set ON_ERROR_STOP on
\set role :mailer '_mailer'

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L CONNECTION LIMIT 20', :'role', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec

SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'mailer', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'mailer') \gexec

-- nobody but the owner may connect to a mailer's database
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'mailer') \gexec
