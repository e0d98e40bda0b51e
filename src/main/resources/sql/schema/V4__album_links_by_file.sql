-- A policy that deletes or sets aside a stored file removes that file's album links: found by its key.
CREATE INDEX album_link_by_file ON album_link (file_key);
