"""Draw the app icon (mnist-desk-SIZE.png): a white digit on a dark tile, a small "+" beside it.

QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py
"""

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent


def icon(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f2933"))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    # A handwritten "3": two bowls, round caps, MNIST-like white-on-dark strokes.
    three = QPainterPath(QPointF(48, 70))
    three.cubicTo(72, 30, 140, 40, 124, 95)
    three.cubicTo(116, 120, 92, 122, 84, 124)
    three.cubicTo(146, 122, 150, 200, 100, 212)
    three.cubicTo(80, 217, 58, 208, 46, 190)
    p.setPen(
        QPen(
            QColor("white"),
            26,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
    )
    p.drawPath(three)
    p.setPen(QPen(QColor("#4fc3f7"), 18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(196, 104), QPointF(196, 156))
    p.drawLine(QPointF(170, 130), QPointF(222, 130))
    p.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication([])
    for size in (16, 32, 64, 128, 256):
        icon(size).save(str(HERE / f"mnist-desk-{size}.png"))
