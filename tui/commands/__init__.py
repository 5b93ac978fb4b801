"""One module per `vmwheel` subcommand."""
