"""Every explanatory sentence the pages show, in English and Korean, in one place.

Pages ask for a text by key (`ui.t("map.intro")`); values in braces are filled in by the
page (`ui.t("gen.share", share=0.9)`). The lesson comes from a Korean blog post, hence Korean.
"""

import string

LANGUAGES = {"en": "English", "ko": "한국어"}

TEXTS: dict[str, tuple[str, str]] = {
    # The sidebar: page names, then the settings every page shares
    "page.home": ("Home", "처음"),
    "page.map": ("Latent Map", "잠재 공간 지도"),
    "page.draw": ("Draw a digit", "숫자 그리기"),
    "page.linked": ("Linked AE and VAE maps", "AE와 VAE 연결 지도"),
    "page.generation": ("AE vs VAE: generation", "AE와 VAE: 생성"),
    "page.kl": ("KL on / off", "KL 켜기/끄기"),
    "page.interpolation": ("Interpolation", "보간"),
    "page.train": ("Train a model", "모델 학습"),
    "nav.language": ("Language", "언어"),
    "nav.colours": (
        "Colour-blind-safe colours, a shape per digit",
        "색각 이상을 배려한 색과 숫자별 모양",
    ),
    "nav.colours.help": (
        "Paul Tol's muted colours, and a different marker for each digit.",
        "Paul Tol의 muted 색 구성표와 숫자마다 다른 표식을 씁니다.",
    ),
    "nav.ignored": (
        "Ignored from the link, so defaults are shown instead: {ignored}",
        "링크의 다음 값은 쓸 수 없어 기본값으로 보여 줍니다: {ignored}",
    ),
    # Home
    "home.intro": (
        "Autoencoders and variational autoencoders (VAEs) squeeze a 28 x 28 MNIST digit into a "
        "few numbers, its **latent vector**, and rebuild the image from them. This app lets you "
        "touch that latent space: click anywhere on a map of it and see what the decoder makes "
        "of that point.",
        "오토인코더(AE)와 변분 오토인코더(VAE)는 28 x 28 크기의 MNIST 숫자 이미지를 몇 개의 "
        "숫자, 곧 **잠재 벡터**로 압축했다가 그것으로 이미지를 다시 만듭니다. 이 앱에서는 그 "
        "잠재 공간을 직접 만져 볼 수 있습니다. 지도 위 아무 곳이나 클릭하면 디코더가 그 점을 "
        "어떤 그림으로 바꾸는지 보입니다.",
    ),
    "home.lesson": ("The lesson, step by step", "단계별 수업"),
    "home.step1.title": (
        "1. An autoencoder compresses and reconstructs",
        "1. 오토인코더는 압축하고 복원한다",
    ),
    "home.step1.text": (
        "The encoder turns an image into a small latent vector; the decoder rebuilds the image. "
        "How well it rebuilds shows how much the vector keeps.",
        "인코더는 이미지를 작은 잠재 벡터로 바꾸고, 디코더는 그 벡터로 이미지를 다시 만듭니다. "
        "얼마나 잘 복원하는지가 벡터에 얼마나 많은 정보가 남았는지를 보여 줍니다.",
    ),
    "home.step1.map": (
        "Latent Map with ae-20d: click any digit, compare original and reconstruction",
        "ae-20d의 잠재 공간 지도: 아무 숫자나 클릭해 원본과 복원 이미지를 비교하기",
    ),
    "home.step1.draw": (
        "Draw a digit: encode your own handwriting and see where it lands",
        "숫자 그리기: 직접 쓴 숫자를 인코딩해 지도 어디에 놓이는지 보기",
    ),
    "home.step2.title": (
        "2. An autoencoder's latent space is a set of points",
        "2. 오토인코더의 잠재 공간은 점들의 모임이다",
    ),
    "home.step2.text": (
        "Each image becomes one point. Digits form clusters, but nothing trains the space "
        "between the points, so an autoencoder is no generative model.",
        "이미지 하나가 점 하나가 됩니다. 같은 숫자끼리 무리를 이루지만, 점과 점 사이의 공간은 "
        "아무것도 학습하지 않습니다. 그래서 오토인코더는 생성 모델이 아닙니다.",
    ),
    "home.step2.map": (
        "Latent Map with ae-2d: click empty space between clusters",
        "ae-2d의 잠재 공간 지도: 무리 사이의 빈 곳을 클릭하기",
    ),
    "home.step2.gen": (
        "AE vs VAE: decode cluster means and random points, graded by a classifier",
        "AE와 VAE 비교: 무리의 평균과 무작위 점을 디코딩하고 분류기로 채점하기",
    ),
    "home.step3.title": (
        "3. A VAE encodes a Gaussian: mu and sigma",
        "3. VAE는 가우시안을 인코딩한다: mu와 sigma",
    ),
    "home.step3.text": (
        "A VAE's encoder gives a mean mu and a spread sigma per image; the decoder sees "
        "z = mu + sigma * eps with eps ~ N(0, I), the reparameterization trick.",
        "VAE의 인코더는 이미지마다 평균 mu와 퍼짐 sigma를 내놓고, 디코더는 eps ~ N(0, I)로 "
        "만든 z = mu + sigma * eps를 받습니다. 이것이 재매개변수화 기법입니다.",
    ),
    "home.step3.map": (
        "Latent Map with vae-2d on a 3: the ellipses show sigma, the strip decodes draws of z",
        "vae-2d의 잠재 공간 지도에서 숫자 3: 타원은 sigma를, 띠는 z 표본의 디코딩을 보여 줌",
    ),
    "home.step3.linked": (
        "Linked maps: the same 3 in ae-2d and vae-2d, side by side",
        "연결된 지도: 같은 3을 ae-2d와 vae-2d에서 나란히 보기",
    ),
    "home.step4.title": ("4. The KL term shapes the space", "4. KL 항이 공간의 모양을 만든다"),
    "home.step4.text": (
        "Trained on reconstruction alone, a VAE still reconstructs well but its codes scatter "
        "far from the origin. The KL term pulls every Gaussian toward N(0, I): the space "
        "becomes compact and continuous, and decoding the prior gives real-looking digits.",
        "복원 손실만으로 학습한 VAE도 복원은 잘하지만, 코드가 원점에서 멀리 흩어집니다. KL 항은 "
        "모든 가우시안을 N(0, I) 쪽으로 끌어당깁니다. 그러면 공간이 조밀하고 연속적으로 바뀌고, "
        "사전분포에서 뽑은 점을 디코딩해도 진짜 같은 숫자가 나옵니다.",
    ),
    "home.step4.kl20": (
        "KL on / off: the same 20-D VAE with beta 0 and beta 1, side by side",
        "KL 켜기/끄기: 같은 20차원 VAE를 beta 0과 beta 1로 나란히 보기",
    ),
    "home.step4.kl2": (
        "KL on / off in 2-D, with the beta slider",
        "2차원에서 KL 켜기/끄기, beta 슬라이더와 함께",
    ),
    "home.step5.title": ("5. Interpolation", "5. 보간"),
    "home.step5.text": (
        "Walking the straight line between two digits' latent vectors morphs one into the "
        "other; on the way from a 2 to a 5 an 8 may appear.",
        "두 숫자의 잠재 벡터 사이를 직선으로 걸어가면 한 숫자가 다른 숫자로 변해 갑니다. 2에서 "
        "5로 가는 길에 8이 나타나기도 합니다.",
    ),
    "home.step5.interp": (
        "Interpolation from a 2 to a 5 in 20-D, counting the third digits met on the way",
        "20차원에서 2부터 5까지 보간하고, 도중에 만나는 세 번째 숫자를 세기",
    ),
    "home.models": ("Models in this app", "이 앱의 모델"),
    "home.models.text": (
        "Trained on the 60,000 MNIST training images by `train_models.py`; figures are on the "
        "10,000 test images. Loss is in nats per image: binary cross-entropy summed over the "
        "784 pixels, plus the KL term for VAEs (lower is better). MSE is per pixel.",
        "`train_models.py`로 MNIST 학습 이미지 60,000장에서 학습했고, 수치는 테스트 이미지 "
        "10,000장에서 잰 것입니다. 손실은 이미지당 nat 단위로, 784개 픽셀에 대한 이진 교차 "
        "엔트로피의 합에 VAE라면 KL 항을 더한 값입니다(낮을수록 좋음). MSE는 픽셀당 값입니다.",
    ),
    "home.train": (
        "Train a model of your own and watch it learn",
        "나만의 모델을 학습시키며 배우는 과정 지켜보기",
    ),
    "home.skipped": ("Skipped a checkpoint file: {reason}", "건너뛴 체크포인트 파일: {reason}"),
    "home.credits": (
        "MNIST: Y. LeCun, C. Cortes and C. J. C. Burges, CC BY-SA 3.0. The app reads the test "
        "images from MNIST_ROOT (or ./data, downloading them where a network exists); without "
        "them the map still works from the shipped latent codes.",
        "MNIST: Y. LeCun, C. Cortes, C. J. C. Burges, CC BY-SA 3.0. 앱은 테스트 이미지를 "
        "MNIST_ROOT(없으면 ./data, 네트워크가 있으면 내려받음)에서 읽습니다. 이미지가 없어도 "
        "함께 배포한 잠재 코드로 지도는 작동합니다.",
    ),
}


def translate(key: str, language: str, **values: object) -> str:
    """The text for key in language ("en" or "ko"), with its {placeholders} filled in."""
    english, korean = TEXTS[key]
    return (korean if language == "ko" else english).format(**values)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
