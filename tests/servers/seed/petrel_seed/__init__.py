"""petrel-seed internals: corpus, encoders, message generator, maildir writer, doveadm."""
