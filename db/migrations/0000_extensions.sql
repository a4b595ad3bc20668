-- btree_gist lets later exclusion constraints mix equality (offer, seat) with ranges (slot time).
CREATE EXTENSION IF NOT EXISTS btree_gist;
