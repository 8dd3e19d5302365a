SUPPORTED_VERSIONS = (1,)  # the manifest versions this readiness reads
