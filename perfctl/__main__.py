from perfctl.cli import main

main()
