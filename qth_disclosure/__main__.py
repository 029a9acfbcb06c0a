from qth_disclosure.cli import main

main()
