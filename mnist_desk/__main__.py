from mnist_desk.cli.main import console

console()
