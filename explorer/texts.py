"""Every explanatory sentence the pages show, in English and Korean, in one place.

Pages ask for a text by key (`ui.t("map.intro")`); values in braces are filled in by the
page (`ui.t("gen.share", share=0.9)`). The lesson comes from a Korean blog post, hence Korean.
"""

import string

LANGUAGES = {"en": "English", "ko": "한국어"}
DIGITS = tuple(str(digit) for digit in range(10))  # MNIST's class names

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
    "nav.dataset": ("Dataset", "데이터셋"),
    "nav.dataset.help": (
        "MNIST's handwritten digits, or Fashion-MNIST's photos of clothing: the same lesson on "
        "a second set of images.",
        "MNIST의 손글씨 숫자, 또는 Fashion-MNIST의 옷 사진: 같은 수업을 두 번째 이미지 묶음으로.",
    ),
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
    # Latent Map
    "map.intro": (
        "Each dot is one of the 10,000 MNIST test digits, placed where the model's encoder puts "
        "it and coloured by its true digit. **Click a dot** to see the image, its reconstruction "
        "and its latent vector; **click empty space** to decode that position. Click a digit in "
        "the legend to hide it, double-click to show it alone.",
        "점 하나하나가 MNIST 테스트 숫자 10,000개 중 하나이며, 모델의 인코더가 놓은 자리에 실제 "
        "숫자의 색으로 찍혀 있습니다. **점을 클릭**하면 이미지와 복원 이미지, 잠재 벡터가 "
        "보입니다. **빈 곳을 클릭**하면 그 위치를 디코딩합니다. 범례에서 숫자를 클릭하면 숨기고, "
        "두 번 클릭하면 그 숫자만 보입니다.",
    ),
    "axes.latent": ("{z}[{i}] (latent dimension {i})", "{z}[{i}] (잠재 차원 {i})"),
    "axes.pca": ("principal component {i}", "주성분 {i}"),
    "axes.umap": ("UMAP {i} (no units)", "UMAP {i} (단위 없음)"),
    "map.view.latent": (
        "The axes are the model's two latent dimensions: this is the space itself.",
        "두 축이 곧 모델의 두 잠재 차원입니다. 공간 그 자체를 보고 있습니다.",
    ),
    "map.view.pca": (
        "The {dims}-D codes seen from their two main directions (PCA): a linear shadow, so "
        "clusters may overlap here that are apart in the full space.",
        "{dims}차원 코드를 가장 중요한 두 방향(PCA)에서 본 모습입니다. 선형 그림자이므로 원래 "
        "공간에서는 떨어져 있는 무리가 여기서는 겹쳐 보일 수 있습니다.",
    ),
    "map.view.umap": (
        "UMAP places the {dims}-D codes so that neighbours stay neighbours; distances between "
        "clusters and the axes carry no meaning.",
        "UMAP은 {dims}차원 코드를 이웃끼리 이웃으로 남도록 배치합니다. 무리 사이의 거리와 "
        "축에는 의미가 없습니다.",
    ),
    "map.download.all": ("Download all 10,000 points (CSV)", "점 10,000개 모두 내려받기(CSV)"),
    "map.download.all.help": (
        "Row, digit, map position and latent vector of every test image. The camera icon above "
        "the map saves it as a picture.",
        "모든 테스트 이미지의 번호, 숫자, 지도 위치, 잠재 벡터입니다. 지도 위 카메라 아이콘을 "
        "누르면 지도를 그림으로 저장합니다.",
    ),
    "map.test_image": ("Test image #{row}: a {digit}", "테스트 이미지 #{row}: 숫자 {digit}"),
    "map.empty": ("Empty space", "빈 곳"),
    "caption.original": ("original", "원본"),
    "caption.reconstruction": ("reconstruction", "복원"),
    "caption.decoded": ("decoded position", "디코딩한 위치"),
    "caption.reads": (
        "{what}: looks like a {digit} ({confidence:.0%} sure)",
        "{what}: 숫자 {digit}처럼 보임 (확신도 {confidence:.0%})",
    ),
    "map.how": ("How this position was decoded: {how}.", "이 위치를 디코딩한 방법: {how}."),
    "map.how.exact": (
        "exact: the map's axes are the latent space",
        "정확함: 지도의 축이 곧 잠재 공간입니다",
    ),
    "map.how.pca plane": (
        "approximate: the point on the PCA plane through the codes' mean; the other {rest} "
        "directions are held at the mean",
        "근사: 코드의 평균을 지나는 PCA 평면 위의 점이며, 나머지 {rest}개 방향은 평균값으로 둡니다",
    ),
    "map.how.nearest code": (
        "nearest real code: UMAP has no inverse, so this decodes the test image closest to "
        "where you clicked",
        "가장 가까운 실제 코드: UMAP에는 역변환이 없으므로 클릭한 곳에 가장 가까운 테스트 "
        "이미지를 디코딩합니다",
    ),
    "map.no_originals": (
        "The original image is hidden: the MNIST test set was not found, so the map runs on the "
        "shipped codes alone. Set MNIST_ROOT to a folder holding MNIST, or start the app once "
        "on a machine with a network, then restart it.",
        "원본 이미지는 숨겼습니다. MNIST 테스트 세트를 찾지 못해 함께 배포한 코드만으로 지도를 "
        "보여 줍니다. MNIST가 있는 폴더를 MNIST_ROOT로 지정하거나, 네트워크가 되는 곳에서 앱을 "
        "한 번 실행한 뒤 다시 시작하세요.",
    ),
    "map.guess": (
        "The classifier's guess says which digit the decoded picture looks like. A good "
        "reconstruction keeps the digit; a blurry one shows how much the {dims} numbers below "
        "forget.",
        "분류기의 추측은 디코딩한 그림이 어떤 숫자처럼 보이는지 알려 줍니다. 잘 복원되면 숫자가 "
        "그대로 남고, 흐릿하면 아래 {dims}개의 숫자가 얼마나 많이 잊었는지 드러납니다.",
    ),
    "map.vector.2d": (
        "**Latent vector** {z} = ({x:.2f}, {y:.2f})",
        "**잠재 벡터** {z} = ({x:.2f}, {y:.2f})",
    ),
    "map.vector": ("**Latent vector** {z}: {dims} numbers", "**잠재 벡터** {z}: 숫자 {dims}개"),
    "map.bars": (
        "Bars: mu, one per latent dimension; whiskers: plus and minus sigma. A dimension with mu "
        "near 0 and sigma near 1 carries nothing about this image: the KL term has switched it "
        "off.",
        "막대는 잠재 차원마다의 mu, 수염은 플러스마이너스 sigma입니다. mu가 0 가까이, sigma가 1 "
        "가까이인 차원은 이 이미지에 대해 아무것도 담지 않습니다. KL 항이 그 차원을 꺼 버린 "
        "것입니다.",
    ),
    "map.download.point": ("Download this point (CSV)", "이 점 내려받기(CSV)"),
    "map.trick": (
        "**The reparameterization trick: z = mu + sigma * eps**",
        "**재매개변수화 기법: z = mu + sigma * eps**",
    ),
    "map.trick.text": (
        "The VAE's encoder gives a Gaussian, not a point: mean mu and spread sigma ({sigma}). "
        "The decoder sees a random z = mu + sigma * eps with eps ~ N(0, I): the randomness sits "
        "in eps, so gradients still reach mu and sigma. Each image below decodes one draw.",
        "VAE의 인코더는 점이 아니라 가우시안을 내놓습니다. 평균 mu와 퍼짐 sigma({sigma})입니다. "
        "디코더는 eps ~ N(0, I)로 만든 무작위 z = mu + sigma * eps를 받습니다. 무작위성이 eps에 "
        "있으므로 기울기는 여전히 mu와 sigma에 닿습니다. 아래 그림 하나하나가 표본 하나를 "
        "디코딩한 것입니다.",
    ),
    "map.draws": (
        "Decodes of 8 draws of z, numbered 1 to 4 on the top row, 5 to 8 below",
        "z 표본 8개의 디코딩: 윗줄이 1~4번, 아랫줄이 5~8번",
    ),
    "map.resample": ("Resample eps", "eps 다시 뽑기"),
    "map.umap_no_ellipse": (
        "UMAP bends the space, so it cannot show mu's Gaussian: switch to PCA.",
        "UMAP은 공간을 휘게 하므로 mu의 가우시안을 보여 줄 수 없습니다. PCA로 바꿔 보세요.",
    ),
    "map.close_up": (
        "Close-up of the map around mu: the 1 and 2 sigma ellipses of q(z|x), the 8 draws of z "
        "numbered as above, and the nearby test codes.",
        "mu 주변을 확대한 지도입니다. q(z|x)의 1, 2 sigma 타원, 위와 같은 번호의 z 표본 8개, "
        "그리고 가까운 테스트 코드가 보입니다.",
    ),
    "map.close_up.pca": (
        " Seen through the PCA plane: the draws vary in {rest} more directions.",
        " PCA 평면으로 본 모습이라, 표본은 {rest}개 방향으로 더 흩어져 있습니다.",
    ),
    "map.ellipses_toggle": ("Ellipses on the big map too", "큰 지도에도 타원 그리기"),
    "map.ellipses_toggle.help": (
        "The map is then redrawn on every click, which takes longer.",
        "그러면 클릭할 때마다 지도를 다시 그리므로 더 오래 걸립니다.",
    ),
    "map.manifold_toggle": ("Show the manifold grid", "매니폴드 격자 보기"),
    "map.manifold": (
        "The manifold: decoding a grid of latent positions",
        "매니폴드: 잠재 공간의 격자를 디코딩하기",
    ),
    "map.manifold.text": (
        "Each tile decodes one point of a 15 x 15 grid over the latent space, spaced by the "
        "inverse normal CDF as in Kingma and Welling (2014), figure 4. ",
        "각 칸은 잠재 공간 위 15 x 15 격자의 한 점을 디코딩한 것으로, Kingma와 Welling(2014)의 "
        "그림 4처럼 정규분포 역누적분포함수 간격으로 놓였습니다. ",
    ),
    "map.manifold.vae": (
        "For a VAE the grid covers its prior N(0, I): digits morph smoothly into each other.",
        "VAE라면 격자가 사전분포 N(0, I)를 덮습니다. 숫자가 매끄럽게 서로 바뀌어 갑니다.",
    ),
    "map.manifold.ae": (
        "An autoencoder has no prior, so the grid follows a Gaussian fitted to its codes; look "
        "for places where the decodes stop looking like digits.",
        "오토인코더에는 사전분포가 없으므로 격자는 코드에 맞춘 가우시안을 따릅니다. 디코딩 "
        "결과가 더는 숫자처럼 보이지 않는 곳을 찾아보세요.",
    ),
    "views.latent": ("the latent itself", "잠재 공간 그대로"),
    "views.pca": ("PCA", "PCA"),
    "views.umap": ("UMAP", "UMAP"),
    "views.label": ("2-D view of the latent space", "잠재 공간의 2차원 보기"),
    "views.help": (
        "PCA is a linear shadow of the codes (so a click can be decoded through it); UMAP keeps "
        "neighbours together but has no inverse.",
        "PCA는 코드의 선형 그림자라서 클릭한 곳을 디코딩할 수 있고, UMAP은 이웃을 가까이 두지만 "
        "역변환이 없습니다.",
    ),
    "models.label": ("Model", "모델"),
    "models.none": (
        "No usable models in {folder}. Run `{command}` to train them.",
        "{folder}에 쓸 수 있는 모델이 없습니다. `{command}`로 학습하세요.",
    ),
    "models.no_classifier": (
        "The classifier that reads the decoded images is missing or unusable in {folder}. Run "
        "`{command} --only classifier` to train it.",
        "디코딩한 이미지를 읽는 분류기가 {folder}에 없거나 쓸 수 없습니다. "
        "`{command} --only classifier`로 학습하세요.",
    ),
    "models.skipped": ("{n} checkpoint file(s) skipped", "건너뛴 체크포인트 파일 {n}개"),
    "models.vae": ("VAE", "VAE"),
    "models.ae": ("autoencoder", "오토인코더"),
    "models.describe": (
        "{name}  ({kind}, {dims}-D latent{beta})",
        "{name}  ({kind}, {dims}차원 잠재{beta})",
    ),
    # Draw a digit
    "draw.intro": (
        "Draw a digit with the mouse or a finger, or upload a photo of one. It is prepared the "
        "way MNIST's digits were (scaled to fit 20 x 20 pixels, then centred by its centre of "
        "mass in 28 x 28), encoded by the model, decoded again, and shown as a star on the map "
        "among the 10,000 test digits.",
        "마우스나 손가락으로 숫자를 그리거나 숫자 사진을 올려 보세요. MNIST 숫자를 만든 방식대로 "
        "(20 x 20 픽셀에 맞게 크기를 줄이고, 28 x 28 안에서 무게중심이 가운데 오도록) 다듬은 뒤, "
        "모델이 인코딩하고 다시 디코딩해 테스트 숫자 10,000개가 있는 지도 위에 별로 표시합니다.",
    ),
    "draw.mnist_only": (
        "Drawing is for handwritten digits: choose MNIST as the dataset in the sidebar.",
        "그리기는 손글씨 숫자용입니다. 사이드바에서 데이터셋을 MNIST로 고르세요.",
    ),
    "draw.yours": ("Your digit", "내 숫자"),
    "draw.clear": ("Clear", "지우기"),
    "draw.upload": (
        "…or upload a picture of one digit (PNG or JPEG, up to 5 MB)",
        "…또는 숫자 하나가 담긴 그림 올리기(PNG나 JPEG, 5 MB까지)",
    ),
    "draw.empty": (
        "Draw a digit in the black box (one stroke or several), or upload a picture of one: the "
        "model's reading of it appears here.",
        "검은 상자에 숫자를 그리거나(한 획이든 여러 획이든) 숫자 그림을 올리세요. 모델이 읽은 "
        "결과가 여기에 나옵니다.",
    ),
    "draw.no_ink": (
        "The picture holds no ink to read: draw or upload a digit.",
        "그림에 읽을 만한 획이 없습니다. 숫자를 그리거나 올려 주세요.",
    ),
    "draw.error.too big": (
        "The image is over 5 MB: use a smaller one.",
        "그림이 5 MB보다 큽니다. 더 작은 그림을 쓰세요.",
    ),
    "draw.error.too many pixels": (
        "The image has too many pixels: use a smaller one.",
        "그림의 픽셀이 너무 많습니다. 더 작은 그림을 쓰세요.",
    ),
    "draw.error.unreadable": (
        "This file is not an image that can be read (try a PNG or JPEG).",
        "읽을 수 있는 그림 파일이 아닙니다(PNG나 JPEG를 써 보세요).",
    ),
    "draw.using_upload": (
        "Showing the uploaded picture: remove it to use your drawing.",
        "올린 그림을 보여 주고 있습니다. 직접 그린 숫자를 쓰려면 그림을 지우세요.",
    ),
    "caption.prepared": ("prepared like MNIST", "MNIST처럼 다듬은 그림"),
    "draw.lands": ("Where your digit lands", "내 숫자가 놓이는 곳"),
    "draw.star": ("your digit", "내 숫자"),
    "draw.where.latent": (
        "The star is your digit's code itself.",
        "별은 내 숫자의 코드 그 자체입니다.",
    ),
    "draw.where.pca": (
        "The star is your digit's code seen through the same PCA plane as the map.",
        "별은 지도와 같은 PCA 평면으로 본 내 숫자의 코드입니다.",
    ),
    "draw.where.umap": (
        "UMAP cannot place a new code without refitting, so the star sits among the 10 test "
        "digits whose codes are nearest to yours: an approximation.",
        "UMAP은 다시 학습하지 않고는 새 코드를 놓을 수 없으므로, 별은 코드가 가장 가까운 테스트 "
        "숫자 10개 사이에 놓입니다. 근사한 위치입니다.",
    ),
    "draw.ellipses": (
        " The ellipses are 1 and 2 sigma of the VAE's Gaussian for your digit.",
        " 타원은 내 숫자에 대한 VAE 가우시안의 1, 2 sigma입니다.",
    ),
    # Linked maps
    "linked.title": ("Linked maps: one digit, two models", "연결된 지도: 숫자 하나, 모델 둘"),
    "linked.intro": (
        "The same 10,000 test digits in an autoencoder's latent space and in a VAE's. **Click a "
        "digit in either map**: it is marked in both, and decoded by both, so you can compare "
        "where each model puts it and what each makes of it.",
        "같은 테스트 숫자 10,000개를 오토인코더의 잠재 공간과 VAE의 잠재 공간에 나란히 "
        "놓았습니다. **어느 지도에서든 숫자를 클릭**하면 두 지도 모두에 표시되고 두 모델이 모두 "
        "디코딩하므로, 각 모델이 그 숫자를 어디에 두고 어떻게 그려 내는지 비교할 수 있습니다.",
    ),
    "needs.pair": (
        "This page needs an autoencoder and a VAE with a {size}-D latent space.",
        "이 페이지에는 {size}차원 잠재 공간을 가진 오토인코더와 VAE가 필요합니다.",
    ),
    "linked.caption": (
        "The black dot marks the chosen digit in both maps. Its neighbours in one map need not "
        "be its neighbours in the other: each model arranges the digits its own way.",
        "검은 점이 두 지도에서 고른 숫자를 표시합니다. 한 지도에서의 이웃이 다른 지도에서도 "
        "이웃인 것은 아닙니다. 모델마다 숫자를 저마다의 방식으로 배치합니다.",
    ),
    "sidebar.size": ("Latent size", "잠재 공간 크기"),
    "sidebar.ae": ("Autoencoder", "오토인코더"),
    "sidebar.vae": ("VAE", "VAE"),
    "sidebar.seed": ("Random seed", "난수 시드"),
    "sidebar.seed.help": (
        "Same seed, same pictures: change it to draw new ones.",
        "시드가 같으면 그림도 같습니다. 새 그림을 뽑으려면 바꾸세요.",
    ),
    # Scores under every grid
    "score.summary": (
        "{recognised:.0%} recognised (confidence >= {threshold}), mean confidence "
        "{confidence:.2f}, {covered} of 10 digits covered.",
        "{recognised:.0%} 인식됨(확신도 {threshold} 이상), 평균 확신도 {confidence:.2f}, 숫자 10개 "
        "중 {covered}개가 나옴.",
    ),
    "score.histogram": ("Digits the classifier reads", "분류기가 읽은 숫자"),
    # AE vs VAE: generation
    "gen.title": ("AE vs VAE: which one can generate?", "AE와 VAE: 어느 쪽이 생성할 수 있을까?"),
    "gen.intro": (
        "An autoencoder and a VAE of the same size, trained on the same images, both reconstruct "
        "well. Here each decoder is asked for digits that were never encoded: the middle of each "
        "digit's cluster, and random points. The shipped digit classifier grades every picture, "
        "so the comparison rests on numbers, not only on looks.",
        "같은 크기로 같은 이미지에서 학습한 오토인코더와 VAE는 둘 다 복원을 잘합니다. 여기서는 "
        "두 디코더에게 한 번도 인코딩된 적 없는 숫자를 요청합니다. 각 숫자 무리의 한가운데와 "
        "무작위 점입니다. 함께 배포한 숫자 분류기가 모든 그림을 채점하므로, 비교는 눈대중이 "
        "아니라 수치에 기댑니다.",
    ),
    "gen.means": (
        "1. Decoding the middle of each digit's cluster",
        "1. 숫자 무리의 한가운데를 디코딩하기",
    ),
    "gen.means.text": (
        "Average the codes of all test images of one digit, and decode that mean. If the space "
        "between an autoencoder's points meant nothing, these pictures would be poor.",
        "한 숫자의 모든 테스트 이미지 코드를 평균 내고 그 평균을 디코딩합니다. 오토인코더의 점 "
        "사이 공간이 아무 의미도 없다면 이 그림들은 엉망일 것입니다.",
    ),
    "gen.means.caption": (
        "The decoded mean code of the 0s, 1s, … 9s, left to right",
        "왼쪽부터 0, 1, … 9의 평균 코드를 디코딩한 그림",
    ),
    "gen.means.share": (
        "**{share:.0%}** read as their own digit, mean confidence {confidence:.2f}.",
        "**{share:.0%}**가 제 숫자로 읽힘, 평균 확신도 {confidence:.2f}.",
    ),
    "gen.means.reads": ("The classifier reads: {readings}", "분류기가 읽은 결과: {readings}"),
    "gen.means.ae_good": (
        "Here the autoencoder's cluster means decode to recognisable digits too ({ae:.0%} "
        "against the VAE's {vae:.0%}), so the claim that they decode poorly does not hold for "
        "this model: a cluster's mean lies among its codes, where the decoder was trained. The "
        "sharp difference is in sampling, below.",
        "여기서는 오토인코더의 무리 평균도 알아볼 수 있는 숫자로 디코딩됩니다(VAE {vae:.0%}, "
        "오토인코더 {ae:.0%}). 그러니 평균이 엉망으로 디코딩된다는 주장은 이 모델에는 맞지 "
        "않습니다. 무리의 평균은 코드들 사이, 곧 디코더가 학습한 곳에 있기 때문입니다. 뚜렷한 "
        "차이는 아래의 표본 뽑기에서 드러납니다.",
    ),
    "gen.means.ae_poor": (
        "The autoencoder's cluster means are read as their own digit {ae:.0%} of the time, the "
        "VAE's {vae:.0%}: the mean of an autoencoder's cluster can fall where no code lies, and "
        "the decoder was never trained there.",
        "오토인코더의 무리 평균은 {ae:.0%}, VAE는 {vae:.0%}가 제 숫자로 읽힙니다. 오토인코더 "
        "무리의 평균은 코드가 하나도 없는 곳에 떨어질 수 있고, 디코더는 그곳을 학습한 적이 "
        "없습니다.",
    ),
    "gen.sampling": ("2. Sampling: decoding random points", "2. 표본 뽑기: 무작위 점 디코딩"),
    "gen.sampling.text": (
        "A VAE is trained so that its codes fill its prior N(0, I), so z ~ N(0, I) should decode "
        "to digits. An autoencoder has no prior. Sample it anyway: with N(0, I), and with a "
        "Gaussian fitted to its codes, the fairest guess. Each grid holds {n} samples; a picture "
        "counts as recognised when the classifier is at least {threshold:.0%} sure.",
        "VAE는 코드가 사전분포 N(0, I)를 채우도록 학습하므로 z ~ N(0, I)를 디코딩하면 숫자가 "
        "나와야 합니다. 오토인코더에는 사전분포가 없습니다. 그래도 뽑아 봅니다. N(0, I)로, 그리고 "
        "가장 공정한 추측인 코드에 맞춘 가우시안으로. 격자마다 표본이 {n}개이며, 분류기가 "
        "{threshold:.0%} 이상 확신하면 인식된 것으로 셉니다.",
    ),
    "gen.grid.vae": ("VAE: z ~ N(0, I)", "VAE: z ~ N(0, I)"),
    "gen.grid.ae": ("AE: z ~ N(0, I)", "AE: z ~ N(0, I)"),
    "gen.grid.fitted": (
        "AE: z ~ a Gaussian fitted to its codes",
        "AE: z ~ 코드에 맞춘 가우시안",
    ),
    "gen.grid.caption": ("{name}, seed {seed}", "{name}, 시드 {seed}"),
    "gen.verdict.coverage": (
        "The VAE's samples cover more of the ten digits: its prior is where its codes are. The "
        "autoencoder's samples crowd into the clusters that happen to lie under the Gaussian.",
        "VAE의 표본이 숫자 열 개를 더 고루 덮습니다. 사전분포가 곧 코드가 있는 곳이기 "
        "때문입니다. 오토인코더의 표본은 우연히 가우시안 아래 놓인 무리로 몰립니다.",
    ),
    "gen.verdict.recognised": (
        "The VAE's samples are recognised more often: its prior is where its codes are.",
        "VAE의 표본이 더 자주 인식됩니다. 사전분포가 곧 코드가 있는 곳이기 때문입니다.",
    ),
    "gen.verdict.tie": (
        "With this model and seed the autoencoder's samples do as well as the VAE's. With {n} "
        "samples the figures move by several points from seed to seed: try others.",
        "이 모델과 시드에서는 오토인코더의 표본도 VAE만큼 좋습니다. 표본이 {n}개라 시드마다 "
        "수치가 몇 포인트씩 달라지니 다른 시드도 써 보세요.",
    ),
    "gen.verdict": (
        "Recognised, and digits covered: {figures}. {verdict}",
        "인식률과 나온 숫자 수: {figures}. {verdict}",
    ),
    "gen.manifold": ("3. The whole 2-D space, decoded", "3. 2차원 공간 전체를 디코딩하기"),
    "gen.manifold.text": (
        "Each tile decodes one point of a 15 x 15 grid spaced by the inverse normal CDF (Kingma "
        "and Welling 2014, figure 4): the VAE's grid covers its prior N(0, I); the "
        "autoencoder's, a Gaussian fitted to its codes. Look for tiles that are no digit.",
        "각 칸은 정규분포 역누적분포함수 간격의 15 x 15 격자에서 한 점을 디코딩한 것입니다"
        "(Kingma와 Welling 2014, 그림 4). VAE의 격자는 사전분포 N(0, I)를, 오토인코더의 격자는 "
        "코드에 맞춘 가우시안을 덮습니다. 숫자가 아닌 칸을 찾아보세요.",
    ),
    # KL on / off
    "kl.title": ("KL on / off: what the KL term does", "KL 켜기/끄기: KL 항이 하는 일"),
    "kl.intro": (
        "A VAE's loss has two terms: the reconstruction error, and beta times the KL divergence "
        "from each image's Gaussian q(z|x) to the prior N(0, I). With beta = 0 only "
        "reconstruction counts. Below, the same architecture trained both ways, on the same test "
        "images.",
        "VAE의 손실에는 두 항이 있습니다. 복원 오차, 그리고 이미지마다의 가우시안 q(z|x)에서 "
        "사전분포 N(0, I)까지의 KL 발산에 beta를 곱한 값입니다. beta = 0이면 복원만 중요합니다. "
        "아래는 같은 구조를 두 방식으로 학습한 모델을 같은 테스트 이미지로 비교한 것입니다.",
    ),
    "kl.needs": (
        "This page needs a {size}-D VAE trained with beta = 0 and one with beta > 0.",
        "이 페이지에는 beta = 0으로 학습한 {size}차원 VAE와 beta > 0인 VAE가 필요합니다.",
    ),
    "kl.beta": ("beta of the KL-on model", "KL을 켠 모델의 beta"),
    "kl.beta.help": (
        "The weight of the KL term. 1 is the VAE of Kingma and Welling.",
        "KL 항의 가중치입니다. 1이 Kingma와 Welling의 VAE입니다.",
    ),
    "kl.off": ("KL off (beta 0)", "KL 끔 (beta 0)"),
    "kl.on": ("KL on (beta {beta:g})", "KL 켬 (beta {beta:g})"),
    "kl.recon": ("1. Both reconstruct", "1. 둘 다 복원한다"),
    "kl.test_images": ("Test images", "테스트 이미지"),
    "kl.no_originals": (
        "Originals hidden: MNIST was not found (set MNIST_ROOT). Reconstructions below.",
        "원본은 숨겼습니다. MNIST를 찾지 못했습니다(MNIST_ROOT를 지정하세요). 아래는 복원 "
        "이미지입니다.",
    ),
    "kl.recon.caption": (
        "{name}: reconstructions (decoded mu)",
        "{name}: 복원 이미지(mu를 디코딩)",
    ),
    "kl.recon.share": (
        "**{share:.0%}** of these read as the true digit. On all 10,000 test images: "
        "reconstruction {recon:.1f} nats per image, KL {kl:.1f} nats.",
        "이 중 **{share:.0%}**가 실제 숫자로 읽힙니다. 테스트 이미지 10,000장 전체에서는 복원 "
        "손실이 이미지당 {recon:.1f} nat, KL이 {kl:.1f} nat입니다.",
    ),
    "kl.recon.same": (
        "Reconstruction does not need the KL term: trained on it alone, the beta 0 model "
        "rebuilds the test digits as well or better ({off:.1f} against {on:.1f} nats per image).",
        "복원에는 KL 항이 필요 없습니다. 복원만으로 학습한 beta 0 모델이 테스트 숫자를 같거나 더 "
        "잘 복원합니다(이미지당 {off:.1f} nat 대 {on:.1f} nat).",
    ),
    "kl.recon.worse": (
        "Here the beta 0 model reconstructs a little worse than the KL-on one ({off:.1f} "
        "against {on:.1f} nats per image).",
        "여기서는 beta 0 모델이 KL을 켠 모델보다 조금 못하게 복원합니다(이미지당 {off:.1f} nat "
        "대 {on:.1f} nat).",
    ),
    "kl.where": ("2. Where the codes lie", "2. 코드가 놓이는 곳"),
    "kl.where.text": (
        "Each dot is a test image's mu. The circles are the prior N(0, I) at 1 and 2 sigma: the "
        "region the decoder is asked about when we sample.",
        "점 하나하나가 테스트 이미지의 mu입니다. 원은 사전분포 N(0, I)의 1, 2 sigma로, 표본을 "
        "뽑을 때 디코더가 답해야 하는 영역입니다.",
    ),
    "kl.where.pca": (
        " The {size}-D codes are seen on their first two principal axes.",
        " {size}차원 코드를 첫 두 주축 위에서 봅니다.",
    ),
    "kl.within": (
        "**{within:.0%}** of the codes lie inside the 2-sigma circle (samples of the prior: "
        "{prior:.0%}).",
        "코드의 **{within:.0%}**가 2 sigma 원 안에 있습니다(사전분포의 표본이라면 {prior:.0%}).",
    ),
    "kl.sampling": ("3. Sampling the prior", "3. 사전분포에서 표본 뽑기"),
    "kl.sampling.text": (
        "{n} draws of z ~ N(0, I), decoded by each model and read by the classifier. Where the "
        "codes do not fill the prior, its samples fall where the decoder never learned anything.",
        "z ~ N(0, I)에서 뽑은 {n}개를 각 모델이 디코딩하고 분류기가 읽습니다. 코드가 사전분포를 "
        "채우지 못하면 표본은 디코더가 아무것도 배우지 않은 곳에 떨어집니다.",
    ),
    "kl.per_dim": ("4. KL per latent dimension", "4. 잠재 차원별 KL"),
    "kl.per_dim.text": (
        "The KL term, split by latent dimension (they add up to the KL above). A dimension is "
        "active when its mu varies across images (variance > 0.01, Burda et al. 2016); the KL "
        "term switches off the dimensions the model can do without.",
        "KL 항을 잠재 차원별로 나눈 것입니다(모두 더하면 위의 KL). 이미지마다 mu가 달라지는 "
        "차원(분산 > 0.01, Burda 외 2016)을 활성 차원이라 합니다. KL 항은 모델이 없어도 되는 "
        "차원을 꺼 버립니다.",
    ),
    "kl.active": (
        "**{active} of {size}** dimensions active; KL {kl:.1f} nats.",
        "**{size}개 중 {active}개** 차원이 활성; KL {kl:.1f} nat.",
    ),
    "kl.tradeoff": ("5. The trade-off: beta", "5. 주고받기: beta"),
    "kl.tradeoff.text": (
        "In theory, more weight on the KL term packs the codes closer to the prior: samples "
        "should improve while reconstructions get worse. Each point is one shipped model; the "
        "recognised share is over the same {n} draws of N(0, I) for every model (seed 0).",
        "이론대로라면 KL 항에 무게를 더 줄수록 코드가 사전분포에 더 가깝게 모여, 표본은 좋아지고 "
        "복원은 나빠져야 합니다. 점 하나가 배포된 모델 하나이며, 인식률은 모든 모델에 같은 "
        "N(0, I) 표본 {n}개(시드 0)로 쟀습니다.",
    ),
    "kl.tradeoff.result": (
        "Here reconstruction goes from {first:.1f} nats (beta 0) to {last:.1f} (beta {beta:g}), "
        "and recognised samples from {r_first:.0%} to {r_last:.0%}, with the most, {best:.0%}, "
        "at beta {best_beta:g}.",
        "여기서 복원 손실은 {first:.1f} nat(beta 0)에서 {last:.1f} nat(beta {beta:g})로, 표본 "
        "인식률은 {r_first:.0%}에서 {r_last:.0%}로 바뀌며, 가장 높은 {best:.0%}는 beta "
        "{best_beta:g}에서 나옵니다.",
    ),
    # Interpolation
    "interp.title": ("Interpolation: from one digit to another", "보간: 한 숫자에서 다른 숫자로"),
    "interp.intro": (
        "Take two test images, encode them, and decode points on the straight line between "
        "their codes: z = (1 - alpha) z_A + alpha z_B. Does one digit morph into the other, and "
        "what lies in between? The classifier reads every step.",
        "테스트 이미지 두 장을 인코딩하고, 두 코드 사이의 직선 위 점들을 디코딩합니다: "
        "z = (1 - alpha) z_A + alpha z_B. 한 숫자가 다른 숫자로 변해 갈까요? 그 사이에는 무엇이 "
        "있을까요? 분류기가 모든 단계를 읽습니다.",
    ),
    "interp.steps": ("Steps on the path", "경로의 단계 수"),
    "interp.ends": ("1. Choose the two ends", "1. 두 끝점 고르기"),
    "interp.mode.digits": ("Two digits", "숫자 두 개"),
    "interp.mode.map": ("Two test images picked on the map", "지도에서 고른 테스트 이미지 두 장"),
    "interp.from": ("From digit", "출발 숫자"),
    "interp.to": ("To digit", "도착 숫자"),
    "interp.which": ("Which images", "어떤 이미지"),
    "interp.which.typical": ("typical", "전형적인 것"),
    "interp.which.random": ("random (seed)", "무작위(시드)"),
    "interp.click": (
        "Click two dots on the VAE's map: the first click sets A, the next B, then A again. Both "
        "models walk between the same two test images.",
        "VAE 지도에서 점 두 개를 클릭하세요. 첫 클릭이 A, 다음이 B, 그다음은 다시 A입니다. 두 "
        "모델 모두 같은 두 테스트 이미지 사이를 걸어갑니다.",
    ),
    "interp.ab": (
        "**A**: test image #{row_a}, a {digit_a}. **B**: test image #{row_b}, a {digit_b}.",
        "**A**: 테스트 이미지 #{row_a}, 숫자 {digit_a}. **B**: 테스트 이미지 #{row_b}, 숫자 "
        "{digit_b}.",
    ),
    "interp.path": ("2. The path, decoded", "2. 디코딩한 경로"),
    "interp.alpha": ("alpha: how far from A to B", "alpha: A에서 B로 얼마나 왔는지"),
    "interp.strip": ("A … B, left to right", "왼쪽부터 A … B"),
    "interp.reads": ("The classifier reads: {readings}", "분류기가 읽은 결과: {readings}"),
    "interp.alpha.caption": (
        "alpha = {alpha}: looks like {reading}",
        "alpha = {alpha}: {reading}처럼 보임",
    ),
    "interp.figure": (
        "Under each strip: the path (black), the decoded steps coloured by the classifier's "
        "reading, the gold star at alpha, and each digit's mean code as a big numbered disc, over "
        "the faint test codes. Which digits' means lie between the two ends?",
        "띠 아래 그림: 경로(검은 선), 분류기가 읽은 숫자의 색으로 칠한 디코딩 단계, alpha 위치의 "
        "금색 별, 그리고 흐릿한 테스트 코드 위에 번호가 적힌 큰 원으로 나타낸 숫자별 평균 코드. "
        "두 끝점 사이에는 어떤 숫자의 평균이 있나요?",
    ),
    "interp.figure.pca": (
        " For 20-D models the view is approximate: PCA shows the path's shadow on the codes' two "
        "main directions.",
        " 20차원 모델에서는 근사한 모습입니다. PCA는 코드의 두 주된 방향에 드리운 경로의 그림자를 "
        "보여 줍니다.",
    ),
    "interp.figure.umap": (
        " For 20-D models the view is approximate: UMAP has no inverse, so each point sits among "
        "its 10 nearest test codes.",
        " 20차원 모델에서는 근사한 모습입니다. UMAP에는 역변환이 없으므로 각 점은 가장 가까운 "
        "테스트 코드 10개 사이에 놓입니다.",
    ),
    "interp.census": (
        "3. How often does a third digit appear?",
        "3. 세 번째 숫자는 얼마나 자주 나타날까?",
    ),
    "interp.census.same": (
        "Both ends are the same digit: choose two different digits to count.",
        "두 끝점이 같은 숫자입니다. 세어 보려면 서로 다른 숫자를 고르세요.",
    ),
    "interp.census.text": (
        "Over {pairs} random pairs of test images (a {a} and a {b}, seed {seed}), the share of "
        "straight paths on which the classifier reads a digit other than {a} and {b} (at least "
        "50% sure) at some step between the ends, with {steps} steps per path.",
        "테스트 이미지의 무작위 쌍 {pairs}개({a} 하나와 {b} 하나, 시드 {seed})에 대해, 끝점 사이 "
        "어느 단계에서 분류기가 {a}도 {b}도 아닌 숫자를 읽은(확신도 50% 이상) 직선 경로의 "
        "비율입니다. 경로마다 {steps}단계입니다.",
    ),
    "interp.col.model": ("model", "모델"),
    "interp.col.third": ("paths with a third digit", "세 번째 숫자가 나온 경로"),
    "interp.col.common": ("most common third digit", "가장 흔한 세 번째 숫자"),
    "interp.col.common_share": ("paths where it appears", "그 숫자가 나온 경로"),
    "interp.col.eight": ("paths with an 8", "8이 나온 경로"),
    "interp.none": ("none", "없음"),
    "interp.claim": (
        "The lesson's claim is that an 8 appears between a 2 and a 5. With these models {eights} "
        "of the paths meet an 8; the most common third digits are {commons}.",
        "수업의 주장은 2와 5 사이에 8이 나타난다는 것입니다. 이 모델들에서는 경로의 {eights}가 "
        "8을 만나며, 가장 흔한 세 번째 숫자는 {commons}입니다.",
    ),
    "interp.chain": ("4. The lesson's figure: a chain {chain}", "4. 수업의 그림: {chain} 사슬"),
    "interp.chain.text": (
        "Typical images of each digit in turn, one row per leg of the chain, decoded by each "
        "model.",
        "각 숫자의 전형적인 이미지를 차례로 이어, 사슬의 구간마다 한 줄씩 각 모델이 디코딩한 "
        "것입니다.",
    ),
    "interp.chain.2d": (
        " Two numbers hold little: 2-D models blur some digits into others (look at the ends of "
        "each row), so compare with the 20-D models.",
        " 숫자 두 개에는 담을 수 있는 것이 적습니다. 2차원 모델은 어떤 숫자를 다른 숫자와 "
        "뭉개므로(각 줄의 끝을 보세요) 20차원 모델과 비교해 보세요.",
    ),
    "interp.chain.caption": ("Rows: {legs}", "줄: {legs}"),
    # Train a model
    "train.intro": (
        "Train your own autoencoder or VAE on the 60,000 MNIST training images and watch it "
        "learn: the loss terms after every epoch and, for a 2-D model, the codes of 1,000 test "
        "images redrawn every epoch, so you see the clusters form. The model is saved beside the "
        "shipped ones, never over them, and appears in every page's model picker. One training "
        "runs at a time on this server; everyone else keeps exploring meanwhile.",
        "MNIST 학습 이미지 60,000장으로 나만의 오토인코더나 VAE를 학습시키며 배우는 과정을 "
        "지켜보세요. 에포크마다 손실 항이 그려지고, 2차원 모델이라면 테스트 이미지 1,000장의 "
        "코드를 에포크마다 다시 그려 무리가 생겨나는 모습을 볼 수 있습니다. 모델은 배포된 모델 "
        "옆에, 절대 덮어쓰지 않고 저장되며, 모든 페이지의 모델 선택에 나타납니다. 이 서버에서는 "
        "한 번에 하나만 학습하며, 그동안 다른 사람들은 계속 탐험할 수 있습니다.",
    ),
    "train.running": ("Training {name}: {what}", "{name} 학습 중: {what}"),
    "train.vae": ("VAE, beta {beta:g}", "VAE, beta {beta:g}"),
    "train.ae": ("autoencoder", "오토인코더"),
    "train.what": (
        "{kind}, {dims}-D latent, {epochs} epochs",
        "{kind}, {dims}차원 잠재, {epochs} 에포크",
    ),
    "train.other": (
        "Another session started this training. Keep exploring the other pages: the model "
        "appears in their model pickers once it is saved.",
        "다른 세션이 시작한 학습입니다. 다른 페이지를 계속 탐험하세요. 모델이 저장되면 모델 "
        "선택에 나타납니다.",
    ),
    "train.epoch": ("Epoch {done} of {total}", "에포크 {total}개 중 {done}번째"),
    "train.saved": (
        "Trained and saved; computing its map data…",
        "학습하고 저장했습니다. 지도 데이터를 계산하는 중…",
    ),
    "train.umap": (
        "Computing the UMAP view (about a minute the first time: numba compiles)…",
        "UMAP 보기를 계산하는 중(처음에는 numba가 컴파일하느라 1분쯤 걸립니다)…",
    ),
    "train.cancel": ("Cancel training", "학습 취소"),
    "train.starting": ("Reading MNIST and building the model…", "MNIST를 읽고 모델을 만드는 중…"),
    "train.curves": (
        "**Loss terms per epoch** (averages over the training images)",
        "**에포크별 손실 항**(학습 이미지 평균)",
    ),
    "train.watched": (
        "**Codes of 1,000 test images after epoch {done}**",
        "**에포크 {done} 뒤 테스트 이미지 1,000장의 코드**",
    ),
    "train.done": (
        "{name} ({what}) is trained and saved.",
        "{name}({what}) 학습과 저장을 마쳤습니다.",
    ),
    "train.open": ("Open {name} on the Latent Map", "잠재 공간 지도에서 {name} 열기"),
    "train.failed": ("Training {name} failed: {message}", "{name} 학습 실패: {message}"),
    "train.cancelled": (
        "The training of {name} was cancelled; nothing of it was saved.",
        "{name} 학습을 취소했습니다. 아무것도 저장하지 않았습니다.",
    ),
    "train.stopped": (
        "The training of {name} stopped before it finished: its process ended{error}. Nothing "
        "of it was saved, and every other model is untouched.",
        "{name} 학습이 끝나기 전에 멈췄습니다. 프로세스가 종료되었습니다{error}. 아무것도 "
        "저장하지 않았고 다른 모델은 그대로입니다.",
    ),
    "train.stopped.error": (" with {error}", " ({error})"),
    "train.kind": ("Model", "모델"),
    "train.kind.vae": ("VAE", "VAE"),
    "train.kind.ae": ("Autoencoder", "오토인코더"),
    "train.size": ("Latent size", "잠재 공간 크기"),
    "train.beta": (
        "beta: weight of the KL term (VAE only; 0 turns it off)",
        "beta: KL 항의 가중치(VAE만 해당, 0이면 끔)",
    ),
    "train.epochs": ("Epochs", "에포크"),
    "train.name": ("Name", "이름"),
    "train.name.help": (
        "Lower-case letters, digits, '-', '_' and '.'; not a name in use.",
        "영어 소문자, 숫자, '-', '_', '.'만 쓰며, 이미 쓰는 이름은 안 됩니다.",
    ),
    "train.time": (
        "Each epoch takes about {seconds} s on a 2-core machine. The shipped models have hidden "
        "layers 400 and 200, like this one, and trained for 30 epochs.",
        "코어 2개짜리 컴퓨터에서 에포크마다 약 {seconds}초 걸립니다. 배포된 모델도 이 모델처럼 "
        "은닉층이 400과 200이며 30 에포크 동안 학습했습니다.",
    ),
    "train.start": ("Start training", "학습 시작"),
    "train.no_data": (
        "Training needs the MNIST training images, which this server cannot read.",
        "학습에는 MNIST 학습 이미지가 필요한데, 이 서버에서는 읽을 수 없습니다.",
    ),
    "train.no_data.rest": (
        "Every other page keeps working from the shipped models.",
        "다른 페이지는 모두 배포된 모델로 계속 작동합니다.",
    ),
    "train.cannot_write": (
        "The app cannot write its models to checkpoints/user here ({error}): train with "
        "`python train_models.py --out FOLDER` on a machine where it can.",
        "이곳에서는 앱이 checkpoints/user에 모델을 쓸 수 없습니다({error}). 쓸 수 있는 "
        "컴퓨터에서 `python train_models.py --out FOLDER`로 학습하세요.",
    ),
    "refused.name format": (
        "A model name is 1 to 40 characters: lower-case letters, digits, '-', '_' and '.', "
        "starting with a letter or a digit.",
        "모델 이름은 1~40자로, 영어 소문자, 숫자, '-', '_', '.'만 쓰고 글자나 숫자로 시작해야 "
        "합니다.",
    ),
    "refused.name taken": (
        "A model named {name!r} exists already: choose another name.",
        "{name!r}라는 모델이 이미 있습니다. 다른 이름을 고르세요.",
    ),
    "refused.busy": (
        "Another training is running; wait for it to finish.",
        "다른 학습이 진행 중입니다. 끝날 때까지 기다려 주세요.",
    ),
    "refused.dataset": ("Unknown dataset.", "알 수 없는 데이터셋입니다."),
    "refused.kind": (
        "The model kind must be an autoencoder or a VAE.",
        "모델 종류는 오토인코더나 VAE여야 합니다.",
    ),
    "refused.latent size": (
        "The latent size must be between 2 and 64.",
        "잠재 공간 크기는 2에서 64 사이여야 합니다.",
    ),
    "refused.beta": ("beta must be between 0 and 100.", "beta는 0에서 100 사이여야 합니다."),
    "refused.epochs": (
        "Epochs must be between 1 and {max}.",
        "에포크는 1에서 {max} 사이여야 합니다.",
    ),
    # Words inside figures: legends, axes, hover labels
    "fig.digit": ("digit", "숫자"),
    "fig.hover_code": ("digit {digit}, test image #{row}", "숫자 {digit}, 테스트 이미지 #{row}"),
    "fig.empty": ("empty space", "빈 곳"),
    "fig.hover_empty": (
        "empty space ({x}, {y})<br>click to decode",
        "빈 곳 ({x}, {y})<br>클릭하면 디코딩",
    ),
    "fig.test_digits": ("test {digit}s", "테스트 숫자 {digit}"),
    "fig.sigma": ("{k} sigma", "{k} sigma"),
    "fig.draws": ("z draws", "z 표본"),
    "fig.mu": ("mu", "mu"),
    "fig.latent_dimension": ("latent dimension", "잠재 차원"),
    "fig.value": ("value", "값"),
    "fig.digit_reads": ("digit the classifier reads", "분류기가 읽은 숫자"),
    "fig.images": ("images", "이미지 수"),
    "fig.prior_circle": ("prior N(0, I), {k} sigma", "사전분포 N(0, I), {k} sigma"),
    "fig.kl_nats": ("KL (nats per image)", "KL (이미지당 nat)"),
    "fig.dimension": ("dimension", "차원"),
    "fig.active": ("active", "활성"),
    "fig.inactive": ("inactive", "비활성"),
    "fig.loss": ("loss (what is minimised)", "손실(최소화하는 값)"),
    "fig.recon": ("reconstruction BCE", "복원 BCE"),
    "fig.kl": ("KL", "KL"),
    "fig.prior_recognised": ("prior samples recognised", "인식된 사전분포 표본"),
    "fig.beta": ("beta (weight of the KL term)", "beta (KL 항의 가중치)"),
    "fig.nats": ("nats per image", "이미지당 nat"),
    "fig.recognised": ("recognised (%)", "인식률 (%)"),
    "fig.test_codes": ("test codes, by digit", "테스트 코드(숫자별)"),
    "fig.digit_means": ("digit means", "숫자별 평균"),
    "fig.mean_of": ("mean of the {digit}s", "숫자 {digit}의 평균"),
    "fig.path": ("path (classifier's reading)", "경로(분류기가 읽은 숫자)"),
    "fig.alpha": ("alpha", "alpha"),
    "fig.epoch": ("epoch", "에포크"),
}


# Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): its class names, and every text that speaks
# of digits on a page that shows it. Keys missing here keep their MNIST text: the home page's
# lesson steps (MNIST's story, their links open on MNIST) and the Draw page (digits only).
FASHION_CLASSES = (
    ("T-shirt/top", "티셔츠/탑"),
    ("Trouser", "바지"),
    ("Pullover", "풀오버"),
    ("Dress", "드레스"),
    ("Coat", "코트"),
    ("Sandal", "샌들"),
    ("Shirt", "셔츠"),
    ("Sneaker", "스니커즈"),
    ("Bag", "가방"),
    ("Ankle boot", "앵클부츠"),
)
DATASET_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "fashion-mnist": {
        "dataset.note": (
            "**Fashion-MNIST**: 70,000 photos of clothing in ten kinds instead of digits (Xiao, "
            "Rasul and Vollgraf 2017), the same size and format as MNIST. The kinds, numbered as "
            "in the figures: {classes}.",
            "**Fashion-MNIST**: 숫자 대신 옷 10종류의 사진 70,000장입니다(Xiao, Rasul, Vollgraf "
            "2017). 크기와 형식은 MNIST와 같습니다. 그림에 쓰인 번호와 종류: {classes}.",
        ),
        "map.intro": (
            "Each dot is one of the 10,000 Fashion-MNIST test images, placed where the model's "
            "encoder puts it and coloured by its true kind of clothing. **Click a dot** to see "
            "the image, its reconstruction and its latent vector; **click empty space** to "
            "decode that position. Click a kind in the legend to hide it, double-click to show "
            "it alone.",
            "점 하나하나가 Fashion-MNIST 테스트 이미지 10,000개 중 하나이며, 모델의 인코더가 놓은 "
            "자리에 실제 옷 종류의 색으로 찍혀 있습니다. **점을 클릭**하면 이미지와 복원 이미지, "
            "잠재 벡터가 보입니다. **빈 곳을 클릭**하면 그 위치를 디코딩합니다. 범례에서 종류를 "
            "클릭하면 숨기고, 두 번 클릭하면 그 종류만 보입니다.",
        ),
        "map.test_image": ("Test image #{row}: {digit}", "테스트 이미지 #{row}: {digit}"),
        "caption.reads": (
            "{what}: looks like {digit} ({confidence:.0%} sure)",
            "{what}: {digit}처럼 보임 (확신도 {confidence:.0%})",
        ),
        "score.histogram": ("Kinds the classifier reads", "분류기가 읽은 종류"),
        "interp.mode.digits": ("Two kinds of clothing", "옷 종류 두 개"),
        "interp.from": ("From kind", "출발 종류"),
        "interp.to": ("To kind", "도착 종류"),
        "interp.ab": (
            "**A**: test image #{row_a}, {digit_a}. **B**: test image #{row_b}, {digit_b}.",
            "**A**: 테스트 이미지 #{row_a}, {digit_a}. **B**: 테스트 이미지 #{row_b}, {digit_b}.",
        ),
        "interp.col.third": ("paths with a third kind", "세 번째 종류가 나온 경로"),
        "interp.col.common": ("most common third kind", "가장 흔한 세 번째 종류"),
        "interp.col.common_share": ("paths where it appears", "그 종류가 나온 경로"),
        "map.guess": (
            "The classifier's guess says which kind of clothing the decoded picture looks like. "
            "A good reconstruction keeps the kind; a blurry one shows how much the {dims} "
            "numbers below forget.",
            "분류기의 추측은 디코딩한 그림이 어떤 옷 종류처럼 보이는지 알려 줍니다. 잘 복원되면 "
            "종류가 그대로 남고, 흐릿하면 아래 {dims}개의 숫자가 얼마나 많이 잊었는지 드러납니다.",
        ),
        "map.manifold.vae": (
            "For a VAE the grid covers its prior N(0, I): one kind of clothing morphs smoothly "
            "into another.",
            "VAE라면 격자가 사전분포 N(0, I)를 덮습니다. 옷 종류가 매끄럽게 서로 바뀌어 갑니다.",
        ),
        "map.manifold.ae": (
            "An autoencoder has no prior, so the grid follows a Gaussian fitted to its codes; "
            "look for places where the decodes stop looking like clothes.",
            "오토인코더에는 사전분포가 없으므로 격자는 코드에 맞춘 가우시안을 따릅니다. 디코딩 "
            "결과가 더는 옷처럼 보이지 않는 곳을 찾아보세요.",
        ),
        "linked.title": (
            "Linked maps: one picture, two models",
            "연결된 지도: 그림 하나, 모델 둘",
        ),
        "linked.intro": (
            "The same 10,000 test images in an autoencoder's latent space and in a VAE's. "
            "**Click a dot in either map**: it is marked in both, and decoded by both, so you "
            "can compare where each model puts it and what each makes of it.",
            "같은 테스트 이미지 10,000개를 오토인코더의 잠재 공간과 VAE의 잠재 공간에 나란히 "
            "놓았습니다. **어느 지도에서든 점을 클릭**하면 두 지도 모두에 표시되고 두 모델이 모두 "
            "디코딩하므로, 각 모델이 그 그림을 어디에 두고 어떻게 그려 내는지 비교할 수 있습니다.",
        ),
        "linked.caption": (
            "The black dot marks the chosen image in both maps. Its neighbours in one map need "
            "not be its neighbours in the other: each model arranges the images its own way.",
            "검은 점이 두 지도에서 고른 이미지를 표시합니다. 한 지도에서의 이웃이 다른 지도에서도 "
            "이웃인 것은 아닙니다. 모델마다 이미지를 저마다의 방식으로 배치합니다.",
        ),
        "score.summary": (
            "{recognised:.0%} recognised (confidence >= {threshold}), mean confidence "
            "{confidence:.2f}, {covered} of 10 kinds covered.",
            "{recognised:.0%} 인식됨(확신도 {threshold} 이상), 평균 확신도 {confidence:.2f}, "
            "옷 종류 10개 중 {covered}개가 나옴.",
        ),
        "gen.means": (
            "1. Decoding the middle of each kind's cluster",
            "1. 옷 종류별 무리의 한가운데를 디코딩하기",
        ),
        "gen.means.text": (
            "Average the codes of all test images of one kind, and decode that mean. If the "
            "space between an autoencoder's points meant nothing, these pictures would be poor.",
            "한 종류의 모든 테스트 이미지 코드를 평균 내고 그 평균을 디코딩합니다. 오토인코더의 "
            "점 사이 공간이 아무 의미도 없다면 이 그림들은 엉망일 것입니다.",
        ),
        "gen.means.caption": (
            "The decoded mean code of each kind, left to right: T-shirt/top, Trouser, Pullover, "
            "Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot",
            "왼쪽부터 종류별 평균 코드를 디코딩한 그림: 티셔츠/탑, 바지, 풀오버, 드레스, 코트, "
            "샌들, 셔츠, 스니커즈, 가방, 앵클부츠",
        ),
        "gen.means.share": (
            "**{share:.0%}** read as their own kind, mean confidence {confidence:.2f}.",
            "**{share:.0%}**가 제 종류로 읽힘, 평균 확신도 {confidence:.2f}.",
        ),
        "kl.recon.share": (
            "**{share:.0%}** of these read as their true kind. On all 10,000 test images: "
            "reconstruction {recon:.1f} nats per image, KL {kl:.1f} nats.",
            "이 중 **{share:.0%}**가 실제 종류로 읽힙니다. 테스트 이미지 10,000장 전체에서는 복원 "
            "손실이 이미지당 {recon:.1f} nat, KL이 {kl:.1f} nat입니다.",
        ),
        "interp.title": (
            "Interpolation: from one kind of clothing to another",
            "보간: 한 옷 종류에서 다른 종류로",
        ),
        "interp.census": (
            "3. How often does a third kind appear?",
            "3. 세 번째 종류는 얼마나 자주 나타날까?",
        ),
        "interp.census.same": (
            "Both ends are the same kind: choose two different kinds to count.",
            "두 끝점이 같은 종류입니다. 세어 보려면 서로 다른 종류를 고르세요.",
        ),
        "interp.census.text": (
            "Over {pairs} random pairs of test images (one {a}, one {b}, seed {seed}), the "
            "share of straight paths on which the classifier reads a kind other than {a} and "
            "{b} (at least 50% sure) at some step between the ends, with {steps} steps per path.",
            "테스트 이미지의 무작위 쌍 {pairs}개({a} 하나와 {b} 하나, 시드 {seed})에 대해, 끝점 "
            "사이 어느 단계에서 분류기가 {a}도 {b}도 아닌 종류를 읽은(확신도 50% 이상) 직선 "
            "경로의 비율입니다. 경로마다 {steps}단계입니다.",
        ),
        "home.dataset": (
            "Fashion-MNIST is chosen: the pages show its models, and the table below lists them. "
            "The lesson's steps tell MNIST's story, so their links switch back to MNIST.",
            "Fashion-MNIST가 선택되어 있습니다. 페이지는 그 모델을 보여 주며 아래 표에 그 모델이 "
            "있습니다. 수업 단계는 MNIST의 이야기이므로 그 링크는 MNIST로 돌아갑니다.",
        ),
        "nav.colours": (
            "Colour-blind-safe colours, a shape per kind",
            "색각 이상을 배려한 색과 종류별 모양",
        ),
        "nav.colours.help": (
            "Paul Tol's muted colours, and a different marker for each kind of clothing.",
            "Paul Tol의 muted 색 구성표와 옷 종류마다 다른 표식을 씁니다.",
        ),
        "map.download.all.help": (
            "Row, kind of clothing, map position and latent vector of every test image. The "
            "camera icon above the map saves it as a picture.",
            "모든 테스트 이미지의 번호, 옷 종류, 지도 위치, 잠재 벡터입니다. 지도 위 카메라 "
            "아이콘을 누르면 지도를 그림으로 저장합니다.",
        ),
        "gen.intro": (
            "An autoencoder and a VAE of the same size, trained on the same images, both "
            "reconstruct well. Here each decoder is asked for clothes that were never encoded: "
            "the middle of each kind's cluster, and random points. The shipped classifier grades "
            "every picture, so the comparison rests on numbers, not only on looks.",
            "같은 크기로 같은 이미지에서 학습한 오토인코더와 VAE는 둘 다 복원을 잘합니다. "
            "여기서는 두 디코더에게 한 번도 인코딩된 적 없는 옷을 요청합니다. 각 종류 무리의 "
            "한가운데와 무작위 점입니다. 함께 배포한 분류기가 모든 그림을 채점하므로, 비교는 "
            "눈대중이 아니라 수치에 기댑니다.",
        ),
        "gen.means.ae_good": (
            "Here the autoencoder's cluster means decode to recognisable clothes too ({ae:.0%} "
            "against the VAE's {vae:.0%}), so the claim that they decode poorly does not hold "
            "for this model: a cluster's mean lies among its codes, where the decoder was "
            "trained. The sharp difference is in sampling, below.",
            "여기서는 오토인코더의 무리 평균도 알아볼 수 있는 옷으로 디코딩됩니다(VAE "
            "{vae:.0%}, 오토인코더 {ae:.0%}). 그러니 평균이 엉망으로 디코딩된다는 주장은 이 "
            "모델에는 맞지 않습니다. 무리의 평균은 코드들 사이, 곧 디코더가 학습한 곳에 있기 "
            "때문입니다. 뚜렷한 차이는 아래의 표본 뽑기에서 드러납니다.",
        ),
        "gen.means.ae_poor": (
            "The autoencoder's cluster means are read as their own kind {ae:.0%} of the time, "
            "the VAE's {vae:.0%}: the mean of an autoencoder's cluster can fall where no code "
            "lies, and the decoder was never trained there.",
            "오토인코더의 무리 평균은 {ae:.0%}, VAE는 {vae:.0%}가 제 종류로 읽힙니다. "
            "오토인코더 무리의 평균은 코드가 하나도 없는 곳에 떨어질 수 있고, 디코더는 그곳을 "
            "학습한 적이 없습니다.",
        ),
        "gen.sampling.text": (
            "A VAE is trained so that its codes fill its prior N(0, I), so z ~ N(0, I) should "
            "decode to clothes. An autoencoder has no prior. Sample it anyway: with N(0, I), and "
            "with a Gaussian fitted to its codes, the fairest guess. Each grid holds {n} "
            "samples; a picture counts as recognised when the classifier is at least "
            "{threshold:.0%} sure.",
            "VAE는 코드가 사전분포 N(0, I)를 채우도록 학습하므로 z ~ N(0, I)를 디코딩하면 옷이 "
            "나와야 합니다. 오토인코더에는 사전분포가 없습니다. 그래도 뽑아 봅니다. N(0, I)로, "
            "그리고 가장 공정한 추측인 코드에 맞춘 가우시안으로. 격자마다 표본이 {n}개이며, "
            "분류기가 {threshold:.0%} 이상 확신하면 인식된 것으로 셉니다.",
        ),
        "gen.verdict.coverage": (
            "The VAE's samples cover more of the ten kinds: its prior is where its codes are. "
            "The autoencoder's samples crowd into the clusters that happen to lie under the "
            "Gaussian.",
            "VAE의 표본이 옷 종류 열 개를 더 고루 덮습니다. 사전분포가 곧 코드가 있는 곳이기 "
            "때문입니다. 오토인코더의 표본은 우연히 가우시안 아래 놓인 무리로 몰립니다.",
        ),
        "gen.verdict": (
            "Recognised, and kinds covered: {figures}. {verdict}",
            "인식률과 나온 종류 수: {figures}. {verdict}",
        ),
        "gen.manifold.text": (
            "Each tile decodes one point of a 15 x 15 grid spaced by the inverse normal CDF "
            "(Kingma and Welling 2014, figure 4): the VAE's grid covers its prior N(0, I); the "
            "autoencoder's, a Gaussian fitted to its codes. Look for tiles that are no garment.",
            "각 칸은 정규분포 역누적분포함수 간격의 15 x 15 격자에서 한 점을 디코딩한 "
            "것입니다(Kingma와 Welling 2014, 그림 4). VAE의 격자는 사전분포 N(0, I)를, "
            "오토인코더의 격자는 코드에 맞춘 가우시안을 덮습니다. 옷이 아닌 칸을 찾아보세요.",
        ),
        "kl.recon.same": (
            "Reconstruction does not need the KL term: trained on it alone, the beta 0 model "
            "rebuilds the test images as well or better ({off:.1f} against {on:.1f} nats per "
            "image).",
            "복원에는 KL 항이 필요 없습니다. 복원만으로 학습한 beta 0 모델이 테스트 이미지를 "
            "같거나 더 잘 복원합니다(이미지당 {off:.1f} nat 대 {on:.1f} nat).",
        ),
        "interp.intro": (
            "Take two test images, encode them, and decode points on the straight line between "
            "their codes: z = (1 - alpha) z_A + alpha z_B. Does one kind of clothing morph into "
            "the other, and what lies in between? The classifier reads every step.",
            "테스트 이미지 두 장을 인코딩하고, 두 코드 사이의 직선 위 점들을 디코딩합니다: "
            "z = (1 - alpha) z_A + alpha z_B. 한 옷 종류가 다른 종류로 변해 갈까요? 그 사이에는 "
            "무엇이 있을까요? 분류기가 모든 단계를 읽습니다.",
        ),
        "interp.figure": (
            "Under each strip: the path (black), the decoded steps coloured by the classifier's "
            "reading, the gold star at alpha, and each kind's mean code as a big disc numbered "
            "as in the note above, over the faint test codes. Which kinds' means lie between "
            "the two ends?",
            "띠 아래 그림: 경로(검은 선), 분류기가 읽은 종류의 색으로 칠한 디코딩 단계, alpha "
            "위치의 금색 별, 그리고 흐릿한 테스트 코드 위에 위 안내의 번호가 적힌 큰 원으로 "
            "나타낸 종류별 평균 코드. 두 끝점 사이에는 어떤 종류의 평균이 있나요?",
        ),
        "interp.chain.text": (
            "Typical images of each kind in turn, one row per leg of the chain, decoded by each "
            "model.",
            "각 종류의 전형적인 이미지를 차례로 이어, 사슬의 구간마다 한 줄씩 각 모델이 "
            "디코딩한 것입니다.",
        ),
        "interp.chain.2d": (
            " Two numbers hold little: 2-D models blur some kinds into others (look at the ends "
            "of each row), so compare with the 20-D models.",
            " 숫자 두 개에는 담을 수 있는 것이 적습니다. 2차원 모델은 어떤 종류를 다른 종류와 "
            "뭉개므로(각 줄의 끝을 보세요) 20차원 모델과 비교해 보세요.",
        ),
        "fig.digit": ("kind", "종류"),
        "fig.hover_code": ("{digit}, test image #{row}", "{digit}, 테스트 이미지 #{row}"),
        "fig.test_digits": ("{digit}", "{digit}"),
        "fig.digit_reads": ("kind the classifier reads", "분류기가 읽은 종류"),
        "fig.test_codes": ("test codes, by kind", "테스트 코드(종류별)"),
        "fig.digit_means": ("mean of each kind", "종류별 평균"),
        "fig.mean_of": ("mean of kind {digit}", "종류 {digit}의 평균"),
        "fig.path": ("path (classifier's reading)", "경로(분류기가 읽은 종류)"),
        **{f"class.{i}": pair for i, pair in enumerate(FASHION_CLASSES)},
    },
}


def template(key: str, language: str, dataset: str = "mnist") -> str:
    """The text for key in language ("en" or "ko"), {placeholders} left as they are: the
    dataset's own wording where it has one."""
    english, korean = DATASET_TEXTS.get(dataset, {}).get(key) or TEXTS[key]
    return korean if language == "ko" else english


def translate(key: str, language: str, dataset: str = "mnist", **values: object) -> str:
    """The text for key in language, with its {placeholders} filled in."""
    return template(key, language, dataset).format(**values)


def class_names(dataset: str, language: str) -> list[str]:
    """The ten classes' names: the digits themselves for MNIST."""
    if "class.0" not in DATASET_TEXTS.get(dataset, {}):
        return list(DIGITS)
    return [template(f"class.{i}", language, dataset) for i in range(10)]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
