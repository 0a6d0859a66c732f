from duixian.cli import main

main()
