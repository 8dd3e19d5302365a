from readiness.cli.launch import main

main()
