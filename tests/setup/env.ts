// Tests never write to the developer's embedded database.
process.env.NODE_ENV = "test";
process.env.PGLITE_DIR = "memory://";
