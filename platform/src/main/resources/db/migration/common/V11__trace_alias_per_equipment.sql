-- An alias row per piece of equipment, not per event (bench/README.md, finding 33). Before V11 every elevator or
-- cylinder event wrote its identifiers again — a lift maintained twice a month wrote its registration and 96333
-- codes 24 times a year, each row into three B-trees, two of them on scattered keys: half of an elevator source's
-- load on H2. Now trace_alias holds one row per (alias, trace code) pair that some stored event declares, written
-- only when the pair is new. The look-up (alias -> trace codes) reads the primary key alone.
--
-- What each event declares is kept in its own row (trace_event.aliases, tab-separated: a code is an xs:token, which
-- holds no tab), so that removing or changing an event removes a pair only when no remaining event of its trace
-- code still declares it (TraceEventStore, EquipmentAliases). Goods have none: NULL.
ALTER TABLE trace_event ADD COLUMN aliases VARCHAR(400);
UPDATE trace_event SET aliases = (SELECT STRING_AGG(a.alias, CHR(9) ORDER BY a.alias) FROM trace_alias a
                                  WHERE a.trace_code = trace_event.trace_code AND a.event_id = trace_event.event_id)
WHERE event_id IN (SELECT event_id FROM trace_alias);

-- A copy of the table, as in V8 and V9: dropping an unnamed primary key has no portable form.
CREATE TABLE trace_alias_per_equipment (
    alias       VARCHAR(64) NOT NULL,
    trace_code  VARCHAR(64) NOT NULL
);
INSERT INTO trace_alias_per_equipment (alias, trace_code) SELECT DISTINCT alias, trace_code FROM trace_alias;
DROP TABLE trace_alias;
ALTER TABLE trace_alias_per_equipment RENAME TO trace_alias;
-- alias first: the look-up of an unknown code, and the load's check for pairs it would add, read the key alone
ALTER TABLE trace_alias ADD CONSTRAINT pk_trace_alias PRIMARY KEY (alias, trace_code);
