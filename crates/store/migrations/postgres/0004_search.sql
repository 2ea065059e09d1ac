-- Full-text search (M14): the one feature whose SQL differs by backend.
-- PostgreSQL: a weighted tsvector column (title A, body B) with a GIN index.
-- Every searchable text is one document in search_docs, kept current by
-- triggers on its source table, and always filtered by account_id.

CREATE TABLE search_docs (
    src TEXT NOT NULL,
    src_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
    ) STORED,
    PRIMARY KEY (src, src_id)
);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
CREATE INDEX search_docs_account ON search_docs (account_id);

CREATE FUNCTION search_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'people' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('people', NEW.id, NEW.account_id, 'person', NEW.id, NEW.name, coalesce(NEW.title, '') || ' ' || NEW.notes)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_people AFTER INSERT OR UPDATE OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION search_people();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'people', r.id, r.account_id, 'person', r.id, r.name, coalesce(r.title, '') || ' ' || r.notes FROM people r;

CREATE FUNCTION search_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'organizations' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('organizations', NEW.id, NEW.account_id, 'organization', NEW.id, NEW.name, NEW.products || ' ' || NEW.entry_level_jobs || ' ' || NEW.hiring_procedure || ' ' || NEW.org_values || ' ' || NEW.outlook || ' ' || NEW.notes)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_organizations AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION search_organizations();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'organizations', r.id, r.account_id, 'organization', r.id, r.name, r.products || ' ' || r.entry_level_jobs || ' ' || r.hiring_procedure || ' ' || r.org_values || ' ' || r.outlook || ' ' || r.notes FROM organizations r;

CREATE FUNCTION search_organization_research() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'organization_research' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('organization_research', NEW.id, NEW.account_id, 'organization', NEW.organization_id, '', NEW.note)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_organization_research AFTER INSERT OR UPDATE OR DELETE ON organization_research FOR EACH ROW EXECUTE FUNCTION search_organization_research();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'organization_research', r.id, r.account_id, 'organization', r.organization_id, '', r.note FROM organization_research r;

CREATE FUNCTION search_fields() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'fields' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('fields', NEW.id, NEW.account_id, 'field', NEW.id, NEW.title, NEW.notes || ' ' || NEW.fit_interests || ' ' || NEW.fit_abilities || ' ' || NEW.fit_values || ' ' || NEW.fit_skills)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_fields AFTER INSERT OR UPDATE OR DELETE ON fields FOR EACH ROW EXECUTE FUNCTION search_fields();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'fields', r.id, r.account_id, 'field', r.id, r.title, r.notes || ' ' || r.fit_interests || ' ' || r.fit_abilities || ' ' || r.fit_values || ' ' || r.fit_skills FROM fields r;

CREATE FUNCTION search_field_research() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'field_research' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('field_research', NEW.id, NEW.account_id, 'field', NEW.field_id, '', NEW.note)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_field_research AFTER INSERT OR UPDATE OR DELETE ON field_research FOR EACH ROW EXECUTE FUNCTION search_field_research();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'field_research', r.id, r.account_id, 'field', r.field_id, '', r.note FROM field_research r;

CREATE FUNCTION search_interviews() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'interviews' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('interviews', NEW.id, NEW.account_id, 'interview', NEW.id, '', NEW.notes || ' ' || NEW.qualifications_sought)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_interviews AFTER INSERT OR UPDATE OR DELETE ON interviews FOR EACH ROW EXECUTE FUNCTION search_interviews();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'interviews', r.id, r.account_id, 'interview', r.id, '', r.notes || ' ' || r.qualifications_sought FROM interviews r;

CREATE FUNCTION search_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'answers' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('answers', NEW.id, NEW.account_id, 'interview', NEW.interview_id, '', NEW.body)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_answers AFTER INSERT OR UPDATE OR DELETE ON answers FOR EACH ROW EXECUTE FUNCTION search_answers();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'answers', r.id, r.account_id, 'interview', r.interview_id, '', r.body FROM answers r;

CREATE FUNCTION search_reflections() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'reflections' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('reflections', NEW.id, NEW.account_id, 'interview', NEW.interview_id, '', NEW.learned_positive || ' ' || NEW.learned_negative || ' ' || NEW.fit_with_self || ' ' || NEW.still_to_learn || ' ' || NEW.plan_of_action)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_reflections AFTER INSERT OR UPDATE OR DELETE ON reflections FOR EACH ROW EXECUTE FUNCTION search_reflections();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'reflections', r.id, r.account_id, 'interview', r.interview_id, '', r.learned_positive || ' ' || r.learned_negative || ' ' || r.fit_with_self || ' ' || r.still_to_learn || ' ' || r.plan_of_action FROM reflections r;

CREATE FUNCTION search_casual_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'casual_conversations' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('casual_conversations', NEW.id, NEW.account_id, 'conversation', NEW.id, NEW.who, NEW.place || ' ' || NEW.learned)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_casual_conversations AFTER INSERT OR UPDATE OR DELETE ON casual_conversations FOR EACH ROW EXECUTE FUNCTION search_casual_conversations();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'casual_conversations', r.id, r.account_id, 'conversation', r.id, r.who, r.place || ' ' || r.learned FROM casual_conversations r;

CREATE FUNCTION search_correspondence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_docs WHERE src = 'correspondence' AND src_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
    VALUES ('correspondence', NEW.id, NEW.account_id, 'contact', NEW.id, NEW.subject, NEW.body)
    ON CONFLICT (src, src_id) DO UPDATE SET ref_id = excluded.ref_id, title = excluded.title, body = excluded.body;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_correspondence AFTER INSERT OR UPDATE OR DELETE ON correspondence FOR EACH ROW EXECUTE FUNCTION search_correspondence();
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id, title, body)
SELECT 'correspondence', r.id, r.account_id, 'contact', r.id, r.subject, r.body FROM correspondence r;
