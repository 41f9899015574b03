-- Every change to what a run reads of a knowledge base before it searches (its embedder, the guard's
-- threshold, its corpus counts and content revision) is announced on the channel
-- groundwork_base_state with the base's id. Each server process listens
-- (server/knowledge/base-state-cache.ts) and serves a run the base's state from memory until the
-- announcement arrives, instead of reading it once per run. A notification is delivered at commit,
-- and identical ones of a transaction are delivered once.

-- Not expressible in schema.prisma (hand-written below this line).

CREATE FUNCTION groundwork_announce_base_state() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_TABLE_NAME = 'KnowledgeBase' THEN
    PERFORM pg_notify('groundwork_base_state', COALESCE(NEW.id, OLD.id));
  ELSE
    PERFORM pg_notify('groundwork_base_state', COALESCE(NEW."knowledgeBaseId", OLD."knowledgeBaseId"));
  END IF;
  RETURN NULL;
END $fn$;

CREATE TRIGGER "KnowledgeBase_announce_state" AFTER UPDATE OR DELETE ON "KnowledgeBase"
  FOR EACH ROW EXECUTE FUNCTION groundwork_announce_base_state();
CREATE TRIGGER "CorpusStat_announce_state" AFTER INSERT OR UPDATE OR DELETE ON "CorpusStat"
  FOR EACH ROW EXECUTE FUNCTION groundwork_announce_base_state();
