from morgue.cli import main

main()
