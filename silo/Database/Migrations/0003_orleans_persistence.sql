-- Grain state. The row identity is every id part together; the state name (GrainTypeString) is
-- part of it, so each grain class gets its own state name.
CREATE TABLE orleans_storage
(
    grain_id_hash             integer      NOT NULL,
    grain_id_n0               bigint       NOT NULL,
    grain_id_n1               bigint       NOT NULL,
    grain_type_hash           integer      NOT NULL,
    grain_type_string         varchar(512) NOT NULL,
    grain_id_extension_string varchar(512) NULL,
    service_id                varchar(150) NOT NULL,
    payload_binary            bytea        NULL,
    modified_on               timestamptz  NOT NULL DEFAULT now(),
    version                   integer      NOT NULL,
    CONSTRAINT orleans_storage_identity UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type_string,
         grain_id_extension_string, service_id)
);

CREATE INDEX orleans_storage_lookup ON orleans_storage (grain_id_hash, grain_type_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT payload_binary AS PayloadBinary, version AS Version
  FROM orleans_storage
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_type_string = @GrainTypeString
   AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
   AND service_id = @ServiceId;'),

('WriteToStorageKey', '
WITH updated AS (
    UPDATE orleans_storage
       SET payload_binary = @PayloadBinary, modified_on = now(), version = version + 1
     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND grain_type_string = @GrainTypeString
       AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
       AND service_id = @ServiceId
       AND @GrainStateVersion::integer IS NOT NULL AND version = @GrainStateVersion::integer
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash,
        grain_type_string, grain_id_extension_string, service_id, payload_binary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString::varchar, @ServiceId, @PayloadBinary, 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_identity DO NOTHING
    RETURNING version)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted;'),

('ClearStorageKey', '
WITH updated AS (
    UPDATE orleans_storage
       SET payload_binary = NULL, modified_on = now(), version = version + 1
     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND grain_type_string = @GrainTypeString
       AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
       AND service_id = @ServiceId
       AND @GrainStateVersion::integer IS NOT NULL AND version = @GrainStateVersion::integer
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash,
        grain_type_string, grain_id_extension_string, service_id, payload_binary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString::varchar, @ServiceId, NULL, 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_identity DO NOTHING
    RETURNING version)
SELECT version FROM updated
UNION ALL
SELECT version FROM inserted;'),

('DeleteStorageKey', '
DELETE FROM orleans_storage
 WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_type_string = @GrainTypeString
   AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
   AND service_id = @ServiceId
   AND version = @GrainStateVersion::integer
RETURNING version + 1;');
