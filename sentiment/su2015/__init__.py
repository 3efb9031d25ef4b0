"""The 2015 post's experiment (kexue.fm/archives/3414) reproduced: its network, the protocol, the
reproduction and its report."""
