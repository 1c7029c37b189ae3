-- The central platform's read side: the businesses and products seen in loaded events, other
-- identifiers of a piece of equipment, and link indexes that answer the trace-chain query from the
-- index alone. Sizes this is laid out for (city scale, see platform/README.md): about 100,000
-- operators, a few thousand products, about 2 billion events a year and as many links.

-- Businesses, keyed by their unified social credit code (GB 32100). A party without a credit
-- code is never stored here: it may be a private person. The name and node come from the
-- business's own newest event; a business known only as someone's counterparty has no
-- last_reported_at and its name is replaced as soon as it reports itself.
-- Read by the chain query (primary key, one probe per event shown).
CREATE TABLE operator (
    uscc              VARCHAR(18)  NOT NULL PRIMARY KEY,
    name              VARCHAR(200),
    node_code         VARCHAR(64),
    node_type         VARCHAR(32),
    last_reported_at  TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Products by their standard code; name and GTIN from the newest event naming the code.
-- Read by the chain query (primary key) when an event carries a code but no name.
CREATE TABLE product (
    code              VARCHAR(64)  NOT NULL PRIMARY KEY,
    name              VARCHAR(200),
    gtin              VARCHAR(14),
    category          VARCHAR(20)  NOT NULL,
    last_reported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Other identifiers of the thing an event is about (an elevator's registration or 96333 code, a
-- cylinder's registration certificate), so a regulator can look equipment up by any of them.
-- One row per event and identifier, replaced with the event like its links.
CREATE TABLE trace_alias (
    event_id    CHAR(32)    NOT NULL,
    alias       VARCHAR(64) NOT NULL,
    trace_code  VARCHAR(64) NOT NULL,
    PRIMARY KEY (event_id, alias)
);
-- look-up of an unknown code: which trace codes it names
CREATE INDEX ix_trace_alias_alias ON trace_alias (alias, trace_code);

-- The chain walk reads (trace_code → input_code) going up and (input_code → trace_code) going
-- down; with both columns in each index every step is an index-only range scan.
DROP INDEX ix_trace_link_code;
DROP INDEX ix_trace_link_input;
CREATE INDEX ix_trace_link_code_input ON trace_link (trace_code, input_code);
CREATE INDEX ix_trace_link_input_code ON trace_link (input_code, trace_code);

-- Events loaded before this version: their businesses and products (aliases need the event's
-- extension and appear when a batch is loaded or reprocessed again).
INSERT INTO operator (uscc, name, node_code, node_type, last_reported_at, updated_at)
SELECT operator_uscc, MAX(operator_name), NULL, MAX(node_type), MAX(event_time), CURRENT_TIMESTAMP
FROM trace_event WHERE operator_uscc IS NOT NULL GROUP BY operator_uscc;

INSERT INTO product (code, name, gtin, category, last_reported_at, updated_at)
SELECT product_code, MAX(product_name), NULL, MAX(category), MAX(event_time), CURRENT_TIMESTAMP
FROM trace_event WHERE product_code IS NOT NULL GROUP BY product_code;
