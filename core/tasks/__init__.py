"""One module per trainable page; each defines ``TASK`` (see core.registry)."""
