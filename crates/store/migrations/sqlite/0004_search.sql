-- Full-text search (M14): the one feature whose SQL differs by backend.
-- SQLite: an FTS5 index (search_fts) whose rowids are those of search_docs.
-- Every searchable text is one document in search_docs, kept current by
-- triggers on its source table, and always filtered by account_id.

CREATE TABLE search_docs (
    doc INTEGER PRIMARY KEY,
    src TEXT NOT NULL,
    src_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    UNIQUE (src, src_id)
) STRICT;
CREATE INDEX search_docs_account ON search_docs (account_id);
CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER search_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('people', NEW.id, NEW.account_id, 'person', NEW.id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), NEW.name, coalesce(NEW.title, '') || ' ' || NEW.notes);
END;
CREATE TRIGGER search_people_update AFTER UPDATE ON people BEGIN
    UPDATE search_fts SET title = NEW.name, body = coalesce(NEW.title, '') || ' ' || NEW.notes
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'people' AND src_id = NEW.id);
END;
CREATE TRIGGER search_people_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'people' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'people' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'people', r.id, r.account_id, 'person', r.id FROM people r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, r.name, coalesce(r.title, '') || ' ' || r.notes FROM people r JOIN search_docs d ON d.src = 'people' AND d.src_id = r.id;

CREATE TRIGGER search_organizations_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('organizations', NEW.id, NEW.account_id, 'organization', NEW.id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), NEW.name, NEW.products || ' ' || NEW.entry_level_jobs || ' ' || NEW.hiring_procedure || ' ' || NEW.org_values || ' ' || NEW.outlook || ' ' || NEW.notes);
END;
CREATE TRIGGER search_organizations_update AFTER UPDATE ON organizations BEGIN
    UPDATE search_fts SET title = NEW.name, body = NEW.products || ' ' || NEW.entry_level_jobs || ' ' || NEW.hiring_procedure || ' ' || NEW.org_values || ' ' || NEW.outlook || ' ' || NEW.notes
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'organizations' AND src_id = NEW.id);
END;
CREATE TRIGGER search_organizations_delete AFTER DELETE ON organizations BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'organizations' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'organizations' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'organizations', r.id, r.account_id, 'organization', r.id FROM organizations r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, r.name, r.products || ' ' || r.entry_level_jobs || ' ' || r.hiring_procedure || ' ' || r.org_values || ' ' || r.outlook || ' ' || r.notes FROM organizations r JOIN search_docs d ON d.src = 'organizations' AND d.src_id = r.id;

CREATE TRIGGER search_organization_research_insert AFTER INSERT ON organization_research BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('organization_research', NEW.id, NEW.account_id, 'organization', NEW.organization_id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), '', NEW.note);
END;
CREATE TRIGGER search_organization_research_update AFTER UPDATE ON organization_research BEGIN
    UPDATE search_fts SET title = '', body = NEW.note
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'organization_research' AND src_id = NEW.id);
END;
CREATE TRIGGER search_organization_research_delete AFTER DELETE ON organization_research BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'organization_research' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'organization_research' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'organization_research', r.id, r.account_id, 'organization', r.organization_id FROM organization_research r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, '', r.note FROM organization_research r JOIN search_docs d ON d.src = 'organization_research' AND d.src_id = r.id;

CREATE TRIGGER search_fields_insert AFTER INSERT ON fields BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('fields', NEW.id, NEW.account_id, 'field', NEW.id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), NEW.title, NEW.notes || ' ' || NEW.fit_interests || ' ' || NEW.fit_abilities || ' ' || NEW.fit_values || ' ' || NEW.fit_skills);
END;
CREATE TRIGGER search_fields_update AFTER UPDATE ON fields BEGIN
    UPDATE search_fts SET title = NEW.title, body = NEW.notes || ' ' || NEW.fit_interests || ' ' || NEW.fit_abilities || ' ' || NEW.fit_values || ' ' || NEW.fit_skills
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'fields' AND src_id = NEW.id);
END;
CREATE TRIGGER search_fields_delete AFTER DELETE ON fields BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'fields' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'fields' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'fields', r.id, r.account_id, 'field', r.id FROM fields r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, r.title, r.notes || ' ' || r.fit_interests || ' ' || r.fit_abilities || ' ' || r.fit_values || ' ' || r.fit_skills FROM fields r JOIN search_docs d ON d.src = 'fields' AND d.src_id = r.id;

CREATE TRIGGER search_field_research_insert AFTER INSERT ON field_research BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('field_research', NEW.id, NEW.account_id, 'field', NEW.field_id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), '', NEW.note);
END;
CREATE TRIGGER search_field_research_update AFTER UPDATE ON field_research BEGIN
    UPDATE search_fts SET title = '', body = NEW.note
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'field_research' AND src_id = NEW.id);
END;
CREATE TRIGGER search_field_research_delete AFTER DELETE ON field_research BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'field_research' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'field_research' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'field_research', r.id, r.account_id, 'field', r.field_id FROM field_research r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, '', r.note FROM field_research r JOIN search_docs d ON d.src = 'field_research' AND d.src_id = r.id;

CREATE TRIGGER search_interviews_insert AFTER INSERT ON interviews BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('interviews', NEW.id, NEW.account_id, 'interview', NEW.id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), '', NEW.notes || ' ' || NEW.qualifications_sought);
END;
CREATE TRIGGER search_interviews_update AFTER UPDATE ON interviews BEGIN
    UPDATE search_fts SET title = '', body = NEW.notes || ' ' || NEW.qualifications_sought
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'interviews' AND src_id = NEW.id);
END;
CREATE TRIGGER search_interviews_delete AFTER DELETE ON interviews BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'interviews' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'interviews' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'interviews', r.id, r.account_id, 'interview', r.id FROM interviews r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, '', r.notes || ' ' || r.qualifications_sought FROM interviews r JOIN search_docs d ON d.src = 'interviews' AND d.src_id = r.id;

CREATE TRIGGER search_answers_insert AFTER INSERT ON answers BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('answers', NEW.id, NEW.account_id, 'interview', NEW.interview_id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), '', NEW.body);
END;
CREATE TRIGGER search_answers_update AFTER UPDATE ON answers BEGIN
    UPDATE search_fts SET title = '', body = NEW.body
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'answers' AND src_id = NEW.id);
END;
CREATE TRIGGER search_answers_delete AFTER DELETE ON answers BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'answers' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'answers' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'answers', r.id, r.account_id, 'interview', r.interview_id FROM answers r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, '', r.body FROM answers r JOIN search_docs d ON d.src = 'answers' AND d.src_id = r.id;

CREATE TRIGGER search_reflections_insert AFTER INSERT ON reflections BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('reflections', NEW.id, NEW.account_id, 'interview', NEW.interview_id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), '', NEW.learned_positive || ' ' || NEW.learned_negative || ' ' || NEW.fit_with_self || ' ' || NEW.still_to_learn || ' ' || NEW.plan_of_action);
END;
CREATE TRIGGER search_reflections_update AFTER UPDATE ON reflections BEGIN
    UPDATE search_fts SET title = '', body = NEW.learned_positive || ' ' || NEW.learned_negative || ' ' || NEW.fit_with_self || ' ' || NEW.still_to_learn || ' ' || NEW.plan_of_action
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'reflections' AND src_id = NEW.id);
END;
CREATE TRIGGER search_reflections_delete AFTER DELETE ON reflections BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'reflections' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'reflections' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'reflections', r.id, r.account_id, 'interview', r.interview_id FROM reflections r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, '', r.learned_positive || ' ' || r.learned_negative || ' ' || r.fit_with_self || ' ' || r.still_to_learn || ' ' || r.plan_of_action FROM reflections r JOIN search_docs d ON d.src = 'reflections' AND d.src_id = r.id;

CREATE TRIGGER search_casual_conversations_insert AFTER INSERT ON casual_conversations BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('casual_conversations', NEW.id, NEW.account_id, 'conversation', NEW.id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), NEW.who, NEW.place || ' ' || NEW.learned);
END;
CREATE TRIGGER search_casual_conversations_update AFTER UPDATE ON casual_conversations BEGIN
    UPDATE search_fts SET title = NEW.who, body = NEW.place || ' ' || NEW.learned
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'casual_conversations' AND src_id = NEW.id);
END;
CREATE TRIGGER search_casual_conversations_delete AFTER DELETE ON casual_conversations BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'casual_conversations' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'casual_conversations' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'casual_conversations', r.id, r.account_id, 'conversation', r.id FROM casual_conversations r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, r.who, r.place || ' ' || r.learned FROM casual_conversations r JOIN search_docs d ON d.src = 'casual_conversations' AND d.src_id = r.id;

CREATE TRIGGER search_correspondence_insert AFTER INSERT ON correspondence BEGIN
    INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) VALUES ('correspondence', NEW.id, NEW.account_id, 'contact', NEW.id);
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), NEW.subject, NEW.body);
END;
CREATE TRIGGER search_correspondence_update AFTER UPDATE ON correspondence BEGIN
    UPDATE search_fts SET title = NEW.subject, body = NEW.body
    WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'correspondence' AND src_id = NEW.id);
END;
CREATE TRIGGER search_correspondence_delete AFTER DELETE ON correspondence BEGIN
    DELETE FROM search_fts WHERE rowid = (SELECT doc FROM search_docs WHERE src = 'correspondence' AND src_id = OLD.id);
    DELETE FROM search_docs WHERE src = 'correspondence' AND src_id = OLD.id;
END;
INSERT INTO search_docs (src, src_id, account_id, kind, ref_id) SELECT 'correspondence', r.id, r.account_id, 'contact', r.id FROM correspondence r;
INSERT INTO search_fts (rowid, title, body) SELECT d.doc, r.subject, r.body FROM correspondence r JOIN search_docs d ON d.src = 'correspondence' AND d.src_id = r.id;
