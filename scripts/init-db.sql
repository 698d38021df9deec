-- Run once by the postgres container's init (docker-entrypoint-initdb.d) as the superuser.
-- One database and one login role per mailer; each role owns only its database.
-- The passwords come from Docker secrets through psql variables set by scripts/init-db.sh,
-- never from this file:  psql -v praxis_password=... -v ecom_password=... -f init-db.sql
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE praxis_mailer LOGIN PASSWORD %L CONNECTION LIMIT 20', :'praxis_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'praxis_mailer') \gexec
SELECT format('CREATE ROLE ecom_mailer LOGIN PASSWORD %L CONNECTION LIMIT 20', :'ecom_password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecom_mailer') \gexec

SELECT 'CREATE DATABASE praxis OWNER praxis_mailer ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'praxis') \gexec
SELECT 'CREATE DATABASE ecom OWNER ecom_mailer ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'ecom') \gexec

-- nobody but the owner may connect to a mailer's database
REVOKE ALL ON DATABASE praxis FROM PUBLIC;
REVOKE ALL ON DATABASE ecom FROM PUBLIC;
