from hamkor.cli import main

main()
