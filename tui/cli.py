def main() -> None:
    print("vmwheel")
