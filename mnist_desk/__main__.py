from mnist_desk.cli import main

raise SystemExit(main())
